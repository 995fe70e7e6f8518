import type { FaultPlanBase } from '../../scenario/plan.js';
import type { Duration, ServiceName } from '../../scenario/types.js';
import { awaitState, ensureRunning, isDown } from '../await-state.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { lasting, optionalDurationMs, targetService } from '../resolve-helpers.js';

/** Stop the service's container gracefully; optionally start it again after a duration. */
export interface StopFaultInput {
  readonly kind: 'stop';
  readonly target: ServiceName;
  /** Start it again after this long. Omit to leave it stopped until teardown. */
  readonly duration?: Duration;
  /** Grace period between SIGTERM and SIGKILL. @default '10s' */
  readonly grace?: Duration;
}

export interface StopFaultPlan extends FaultPlanBase {
  readonly kind: 'stop';
  readonly graceMs: number;
}

/** Stops the target gracefully, and starts it again after `duration` if given: `stop('redis', { duration: '5s' })`. */
export function stop(target: ServiceName, options: { duration?: Duration; grace?: Duration } = {}): StopFaultInput {
  return { kind: 'stop', target, ...options };
}

/** Stops the container gracefully (SIGTERM, then SIGKILL after the grace period); revert starts it. */
export const stopFault = defineFaultKind<StopFaultPlan>({
  kind: 'stop',
  fields: ['target', 'duration', 'grace'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, context) {
    const target = targetService(fault, context);
    const graceMs = context.check.durationMs(fault.grace, `${context.field}.grace`, { fallback: 10_000 });
    const durationMs = optionalDurationMs(fault, 'duration', context);
    return { kind: 'stop', target, services: [target], durationMs, graceMs, label: `stop ${target}${lasting(durationMs)}` };
  },
  create(plan, context) {
    const service = (): ReturnType<typeof context.service> => context.service(plan.target);
    return {
      plan,
      inject: () => service().stop(plan.graceMs),
      async verify(): Promise<FaultEffect> {
        const { state, matched } = await awaitState(service(), isDown, 2000);
        return matched
          ? { verified: true, detail: `${plan.target} stopped (exit code ${state.exitCode ?? '?'})` }
          : { verified: false, detail: `${plan.target} is still ${state.status} after stop` };
      },
      revert: () => ensureRunning(service()),
    };
  },
});
