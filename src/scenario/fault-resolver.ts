import type { FaultPlanBase, LimitedDisk, StackPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

/** What resolving one fault entry of the timeline sees. */
export interface FaultResolveContext {
  /** Dotted path of the fault, e.g. `timeline[2].fault`. */
  readonly field: string;
  readonly stack: StackPlan;
  readonly check: ProblemCollector;
}

/** A resolved fault without its place on the timeline (`id`, `atMs`). */
export type FaultCore<P extends FaultPlanBase = FaultPlanBase> = Omit<P, 'id' | 'atMs'>;

/**
 * How the scenario layer resolves one kind of fault. The fault catalogue (`src/faults/`) holds
 * one per kind, next to the code that injects it, and hands them to `resolveScenario`.
 */
export interface FaultResolver {
  readonly kind: string;
  /** Fields the input may have besides `kind`. */
  readonly fields: readonly string[];
  /** Acts on its target's container: two such faults on one service at once are refused. */
  readonly exclusive: boolean;
  /** Over once injected (e.g. a restart): it ends where it starts for the overlap check. */
  readonly instantaneous: boolean;
  /**
   * Checks the input (fields already checked against {@link fields}) and returns the plan entry,
   * or `undefined` when a problem makes one impossible. Problems go to `context.check`.
   */
  resolve(input: Readonly<Record<string, unknown>>, context: FaultResolveContext): FaultCore | undefined;
  /** Disks the stack must start with size-limited for this fault (one it will fill). @default none */
  limitedDisks?(plan: FaultCore): readonly LimitedDisk[];
}

/** Fault kinds by name, as `resolveScenario` receives them. */
export type FaultResolvers = ReadonlyMap<string, FaultResolver>;
