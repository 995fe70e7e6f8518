import type { FaultPlan } from '../scenario/plan.js';
import { awaitState, ensureRunning, isDown } from './await-state.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';

/** Stops the container gracefully (SIGTERM, then SIGKILL after the grace period); revert starts it. */
export function stopFault(plan: FaultPlan, context: FaultContext): Fault {
  const service = (): ReturnType<FaultContext['service']> => context.service(plan.target);
  return {
    plan,
    inject: () => service().stop(plan.graceMs ?? 10_000),
    async verify(): Promise<FaultEffect> {
      const { state, matched } = await awaitState(service(), isDown, 2000);
      return matched
        ? { verified: true, detail: `${plan.target} stopped (exit code ${state.exitCode ?? '?'})` }
        : { verified: false, detail: `${plan.target} is still ${state.status} after stop` };
    },
    revert: () => ensureRunning(service()),
  };
}
