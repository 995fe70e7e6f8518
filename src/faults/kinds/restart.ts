import type { FaultPlanBase } from '../../scenario/plan.js';
import type { Duration, ServiceName } from '../../scenario/types.js';
import { ensureRunning } from '../await-state.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { targetService } from '../resolve-helpers.js';

/** Restart the service's container (stop + start). */
export interface RestartFaultInput {
  readonly kind: 'restart';
  readonly target: ServiceName;
  /** Grace period between SIGTERM and SIGKILL during the stop (as `docker restart`). @default '10s' */
  readonly grace?: Duration;
}

export interface RestartFaultPlan extends FaultPlanBase {
  readonly kind: 'restart';
  readonly graceMs: number;
}

/** Restarts the target's container: `restart('redis')`. */
export function restart(target: ServiceName, options: { grace?: Duration } = {}): RestartFaultInput {
  return { kind: 'restart', target, ...options };
}

/** Restarts the container and waits until it is ready; took effect when its start time changed. */
export const restartFault = defineFaultKind<RestartFaultPlan>({
  kind: 'restart',
  fields: ['target', 'grace'],
  exclusive: true,
  instantaneous: true,
  resolve(fault, context) {
    const target = targetService(fault, context);
    const graceMs = context.check.durationMs(fault.grace, `${context.field}.grace`, { fallback: 10_000 });
    return { kind: 'restart', target, services: [target], durationMs: undefined, graceMs, label: `restart ${target}` };
  },
  create(plan, context) {
    const service = (): ReturnType<typeof context.service> => context.service(plan.target);
    let startedBefore: string | undefined;
    return {
      plan,
      async inject() {
        startedBefore = (await service().state()).startedAt;
        await service().restart(plan.graceMs);
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
  },
});
