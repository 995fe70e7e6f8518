import type { ServiceHandle } from '../runtime/runtime.js';
import type { FaultPlan } from '../scenario/plan.js';

/** Whether a fault was seen to take effect, and what was seen. */
export interface FaultEffect {
  readonly verified: boolean;
  readonly detail: string;
}

/** What a fault needs from the run. */
export interface FaultContext {
  service(name: string): ServiceHandle;
}

/**
 * A fault of the catalogue: inject it, check that it took effect, and revert it. `revert` is
 * idempotent and safe whether or not `inject` ran or succeeded, because it is registered before
 * `inject` is called and may run on Ctrl-C at any moment.
 */
export interface Fault {
  readonly plan: FaultPlan;
  inject(): Promise<void>;
  verify(): Promise<FaultEffect>;
  revert(): Promise<void>;
}
