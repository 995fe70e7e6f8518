import type { FaultPlan } from '../scenario/plan.js';
import { awaitState, ensureRunning } from './await-state.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';

/** Freezes every process of the service (cgroup freezer); revert thaws it. */
export function pauseFault(plan: FaultPlan, context: FaultContext): Fault {
  const service = (): ReturnType<FaultContext['service']> => context.service(plan.target);
  return {
    plan,
    inject: () => service().pause(),
    async verify(): Promise<FaultEffect> {
      const { state, matched } = await awaitState(service(), (s) => s.status === 'paused', 2000);
      return matched
        ? { verified: true, detail: `${plan.target} is paused` }
        : { verified: false, detail: `${plan.target} is ${state.status}, not paused` };
    },
    revert: () => ensureRunning(service()),
  };
}
