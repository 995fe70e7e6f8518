/**
 * faultline's library API: what scenario files import.
 *
 * ```ts
 * import { defineScenario, kill } from 'faultline';
 * ```
 */
export { defineScenario } from './scenario/define-scenario.js';
export { at } from './scenario/at.js';
export * from './faults/catalogue.js';
export type * from './scenario/types.js';
export type { ScenarioPlan, FaultPlanBase, LoadPlan, SloPlan, StackPlan, ThresholdPlan } from './scenario/plan.js';
export { resolveScenario } from './resolve-scenario.js';
export type { Problem } from './scenario/problems.js';
