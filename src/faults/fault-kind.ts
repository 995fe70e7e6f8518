import type { FaultCore, FaultResolveContext, FaultResolver } from '../scenario/fault-resolver.js';
import type { FaultPlanBase } from '../scenario/plan.js';
import type { Fault, FaultContext } from './fault.js';

/**
 * One kind of fault, whole: how its input is checked and planned (pure, used by
 * `resolveScenario`), and how it is injected, verified and reverted during a run. One file per
 * kind under `kinds/`, registered in `catalogue.ts`, as the proxy registers its toxics.
 */
export interface FaultKindModule<P extends FaultPlanBase> extends FaultResolver {
  readonly kind: P['kind'];
  resolve(input: Readonly<Record<string, unknown>>, context: FaultResolveContext): FaultCore<P> | undefined;
  /**
   * A drill's recovery: the step restores or rebuilds a node, or the fault is a disaster whose
   * revert heals it; the run then reports the drill's RTO and RPO. @default none
   */
  readonly recovery?: 'restore' | 'rebuild' | 'heal';
  /** The fault for one plan entry; throws when the stack lacks what it needs (the proxy, the controller). */
  create(plan: P, context: FaultContext): Fault;
}

/** Identity helper that types a fault kind module. */
export function defineFaultKind<P extends FaultPlanBase>(module: FaultKindModule<P>): FaultKindModule<P> {
  return module;
}
