import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import { controllerStep, requireController } from '../controller-step.js';
import { defineFaultKind } from '../fault-kind.js';

/** Game-day step: promote a node now, whatever the primary's health (the old primary is fenced). */
export interface PromoteFaultInput {
  readonly kind: 'promote';
  readonly target: DbServiceName;
}

export interface PromoteFaultPlan extends FaultPlanBase {
  readonly kind: 'promote';
}

/** Promotes a database node through the failover controller now: `promote('db-2')`. */
export function promote(target: DbServiceName): PromoteFaultInput {
  return { kind: 'promote', target };
}

/** A manual promotion; verified when the controller reports the node as primary. */
export const promoteFault = defineFaultKind<PromoteFaultPlan>({
  kind: 'promote',
  fields: ['target'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, context) {
    requireController('promote', context);
    const target = context.check.string(fault.target, `${context.field}.target`, { fallback: '', required: true, oneOf: context.stack.db.nodes });
    return { kind: 'promote', target: target || 'controller', services: ['controller', ...context.stack.db.nodes], durationMs: undefined, label: `promote ${target}` };
  },
  create: (plan, context) => controllerStep(plan, context.controller, plan.target, (controller) => controller.promote(plan.target)),
});
