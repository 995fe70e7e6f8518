import type { FaultPlanBase } from '../../scenario/plan.js';
import type { Duration, ServiceName } from '../../scenario/types.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { lasting, optionalDurationMs, targetService } from '../resolve-helpers.js';

/** Disconnect the service's container from the run's network: a real partition, not only proxied links. */
export interface IsolateFaultInput {
  readonly kind: 'isolate';
  readonly target: ServiceName;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

export interface IsolateFaultPlan extends FaultPlanBase {
  readonly kind: 'isolate';
}

/** Disconnects a service from the stack's network (Docker network disconnect): `isolate('redis', { duration: '5s' })`. */
export function isolate(target: ServiceName, options: { duration?: Duration } = {}): IsolateFaultInput {
  return { kind: 'isolate', target, ...options };
}

/**
 * Disconnects the service's container from the run's network: every path to it is cut, proxied
 * or not. Revert reconnects it under its name.
 */
export const isolateFault = defineFaultKind<IsolateFaultPlan>({
  kind: 'isolate',
  fields: ['target', 'duration'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, context) {
    const target = targetService(fault, context);
    const durationMs = optionalDurationMs(fault, 'duration', context);
    return { kind: 'isolate', target, services: [target], durationMs, label: `isolate ${target}${lasting(durationMs)}` };
  },
  create(plan, context) {
    const service = (): ReturnType<typeof context.service> => context.service(plan.target);
    return {
      plan,
      inject: () => service().isolate(),
      async verify(): Promise<FaultEffect> {
        return await service().connected()
          ? { verified: false, detail: `${plan.target} is still attached to the run's network` }
          : { verified: true, detail: `${plan.target} is disconnected from the run's network` };
      },
      revert: () => service().rejoin(),
    };
  },
});
