/** A registered clean-up step. `run()` runs it at most once and unregisters it. */
export interface TeardownHandle {
  run(): Promise<void>;
}

export interface TeardownFailure {
  readonly name: string;
  readonly error: string;
}

/**
 * Clean-up steps registered before the thing they undo is done, run in reverse order however the
 * run ends. A failing or hanging step is recorded and the rest still run.
 */
export class Teardowns {
  private readonly steps: { name: string; fn: () => Promise<void>; done: boolean }[] = [];
  readonly failures: TeardownFailure[] = [];

  constructor(private readonly stepTimeoutMs = 120_000) {}

  register(name: string, fn: () => Promise<void>): TeardownHandle {
    const step = { name, fn, done: false };
    this.steps.push(step);
    return { run: () => this.runStep(step) };
  }

  /** Runs the steps not yet run whose name starts with `prefix`, last registered first. */
  async runPrefixed(prefix: string): Promise<void> {
    for (const step of [...this.steps].reverse()) if (step.name.startsWith(prefix)) await this.runStep(step);
  }

  /** Runs every step not yet run, last registered first. */
  async runAll(): Promise<void> {
    for (const step of [...this.steps].reverse()) await this.runStep(step);
  }

  private async runStep(step: { name: string; fn: () => Promise<void>; done: boolean }): Promise<void> {
    if (step.done) return;
    step.done = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        step.fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not finish within ${this.stepTimeoutMs}ms`)), this.stepTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.failures.push({ name: step.name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
