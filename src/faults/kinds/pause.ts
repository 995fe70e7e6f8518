import type { FaultPlanBase } from '../../scenario/plan.js';
import type { Duration, ServiceName } from '../../scenario/types.js';
import { awaitState, ensureRunning } from '../await-state.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { lasting, targetService } from '../resolve-helpers.js';

/** Freeze every process of the service (cgroup freezer) for a duration, then thaw it. */
export interface PauseFaultInput {
  readonly kind: 'pause';
  readonly target: ServiceName;
  readonly duration: Duration;
}

export interface PauseFaultPlan extends FaultPlanBase {
  readonly kind: 'pause';
}

/** Freezes the target for a duration: `pause('app-1', '3s')`. */
export function pause(target: ServiceName, duration: Duration): PauseFaultInput {
  return { kind: 'pause', target, duration };
}

/** Freezes every process of the service (cgroup freezer); revert thaws it. */
export const pauseFault = defineFaultKind<PauseFaultPlan>({
  kind: 'pause',
  fields: ['target', 'duration'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, context) {
    const target = targetService(fault, context);
    const durationMs = context.check.durationMs(fault.duration, `${context.field}.duration`, { fallback: 1000, required: true, minMs: 1 });
    return { kind: 'pause', target, services: [target], durationMs, label: `pause ${target}${lasting(durationMs)}` };
  },
  create(plan, context) {
    const service = (): ReturnType<typeof context.service> => context.service(plan.target);
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
  },
});
