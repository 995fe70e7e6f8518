import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import { controllerStep, requireController } from '../controller-step.js';
import { defineFaultKind } from '../fault-kind.js';

/** Game-day step: a planned switchover of the primary to the replica (or to `to`). */
export interface SwitchoverFaultInput {
  readonly kind: 'switchover';
  readonly to?: DbServiceName;
}

export interface SwitchoverFaultPlan extends FaultPlanBase {
  readonly kind: 'switchover';
  /** The node to promote; `undefined` lets the controller pick the replica. */
  readonly to: string | undefined;
}

/** A planned switchover through the failover controller: `switchover()`, `switchover({ to: 'db-2' })`. */
export function switchover(options: { to?: DbServiceName } = {}): SwitchoverFaultInput {
  return { kind: 'switchover', ...options };
}

/** Fence, catch up, promote, re-route; the old primary becomes a replica. Verified by the new primary. */
export const switchoverFault = defineFaultKind<SwitchoverFaultPlan>({
  kind: 'switchover',
  fields: ['to'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, context) {
    requireController('switchover', context);
    const to = fault.to === undefined ? undefined
      : context.check.string(fault.to, `${context.field}.to`, { fallback: '', required: true, oneOf: context.stack.db.nodes });
    return {
      kind: 'switchover', target: to || 'controller', to: to || undefined, services: ['controller', ...context.stack.db.nodes],
      durationMs: undefined, label: `switchover${to ? ` to ${to}` : ''}`,
    };
  },
  create: (plan, context) => controllerStep(plan, context.controller, plan.to, (controller) => controller.switchover(plan.to)),
});
