import type { FaultResolvers } from '../scenario/fault-resolver.js';
import type { FaultPlanBase } from '../scenario/plan.js';
import { faultModules } from './catalogue.js';
import type { Fault, FaultContext } from './fault.js';

/** Every fault kind by name: what `resolveScenario` checks timeline entries with. */
export const faultKinds: FaultResolvers = new Map(faultModules.map((module) => [module.kind, module]));

/** What kind of drill recovery a plan entry is, if any (see {@link FaultKindModule.recovery}). */
export function recoveryOf(plan: FaultPlanBase): 'restore' | 'rebuild' | 'heal' | undefined {
  return faultModules.find((candidate) => candidate.kind === plan.kind)?.recovery;
}

/** The fault that injects, verifies and reverts a plan entry. */
export function createFault(plan: FaultPlanBase, context: FaultContext): Fault {
  const module = faultModules.find((candidate) => candidate.kind === plan.kind);
  if (!module) throw new Error(`${plan.id}: no fault kind '${plan.kind}' in the catalogue`);
  return module.create(plan, context);
}
