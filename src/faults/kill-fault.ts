import type { FaultPlan } from '../scenario/plan.js';
import { awaitState, ensureRunning, isDown } from './await-state.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';

/** How long a terminating signal may take to bring the process down. */
const exitWaitMs = 10_000;

/** Sends a signal to the service's main process; revert starts it again. */
export function killFault(plan: FaultPlan, context: FaultContext): Fault {
  const service = (): ReturnType<FaultContext['service']> => context.service(plan.target);
  const signal = plan.signal ?? 'SIGKILL';
  return {
    plan,
    inject: () => service().kill(signal),
    async verify(): Promise<FaultEffect> {
      const { state, matched } = await awaitState(service(), isDown, exitWaitMs);
      return matched
        ? { verified: true, detail: `${plan.target} exited with code ${state.exitCode ?? '?'} after ${signal}` }
        : { verified: false, detail: `${plan.target} is still ${state.status} ${exitWaitMs / 1000}s after ${signal}: the signal had no visible effect` };
    },
    revert: () => ensureRunning(service()),
  };
}
