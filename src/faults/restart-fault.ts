import type { FaultPlan } from '../scenario/plan.js';
import { ensureRunning } from './await-state.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';

/** Restarts the container and waits until it is ready; took effect when its start time changed. */
export function restartFault(plan: FaultPlan, context: FaultContext): Fault {
  const service = (): ReturnType<FaultContext['service']> => context.service(plan.target);
  let startedBefore: string | undefined;
  return {
    plan,
    async inject() {
      startedBefore = (await service().state()).startedAt;
      await service().restart(plan.graceMs ?? 10_000);
    },
    async verify(): Promise<FaultEffect> {
      const state = await service().state();
      const restarted = state.status === 'running' && state.startedAt !== undefined && state.startedAt !== startedBefore;
      return restarted
        ? { verified: true, detail: `${plan.target} restarted (started at ${state.startedAt})` }
        : { verified: false, detail: `${plan.target} is ${state.status}, started at ${state.startedAt ?? '?'}: no restart seen` };
    },
    revert: () => ensureRunning(service()),
  };
}
