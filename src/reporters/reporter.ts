import type { TimeBucket } from '../metrics/time-buckets.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import type { RunResult } from '../run/run-result.js';
import { withTimeout } from '../with-timeout.js';

/** Live load figures, once per second. */
export interface LoadProgress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  /** The latest complete bucket. */
  readonly bucket: TimeBucket | undefined;
  readonly issued: number;
  readonly completed: number;
  readonly ok: number;
  readonly notOk: number;
}

/** Hooks a reporter may implement; all optional. A reporter that throws never breaks a run. */
export interface Reporter {
  onRunStart?(info: { readonly runId: string; readonly plan: ScenarioPlan; readonly reportDir: string }): void;
  onEvent?(type: string, data: Readonly<Record<string, unknown>>): void;
  onProgress?(progress: LoadProgress): void;
  onRunEnd?(result: RunResult): void | Promise<void>;
}

/** How long one reporter may take to render a run's end before it is given up on. */
export const reporterTimeoutMs = 30_000;

/**
 * Calls every reporter, catching and noting each one's failure instead of failing the run. A
 * reporter that hangs is given up on after {@link reporterTimeoutMs}: reports never hold a run.
 */
export class ReporterMux implements Required<Reporter> {
  readonly failures: string[] = [];

  constructor(
    private readonly reporters: readonly { readonly name: string; readonly reporter: Reporter }[],
    private readonly timeoutMs = reporterTimeoutMs,
  ) {}

  onRunStart(info: Parameters<Required<Reporter>['onRunStart']>[0]): void {
    this.each('onRunStart', (r) => r.onRunStart?.(info));
  }

  onEvent(type: string, data: Readonly<Record<string, unknown>>): void {
    this.each('onEvent', (r) => r.onEvent?.(type, data));
  }

  onProgress(progress: LoadProgress): void {
    this.each('onProgress', (r) => r.onProgress?.(progress));
  }

  async onRunEnd(result: RunResult): Promise<void> {
    for (const { name, reporter } of this.reporters) {
      try {
        await withTimeout(Promise.resolve().then(() => reporter.onRunEnd?.(result)), this.timeoutMs, `${name} reporter`);
      } catch (error) {
        this.failures.push(`${name}.onRunEnd: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private each(hook: string, call: (reporter: Reporter) => void): void {
    for (const { name, reporter } of this.reporters) {
      try {
        call(reporter);
      } catch (error) {
        this.failures.push(`${name}.${hook}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
