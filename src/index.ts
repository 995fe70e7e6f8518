/**
 * faultline's library API: what scenario files import.
 *
 * ```ts
 * import { defineScenario, kill } from 'faultline';
 * ```
 */
export { defineScenario } from './scenario/define-scenario.js';
export { at, bandwidth, blackhole, isolate, kill, latency, partition, pause, reset, restart, slowClose, stop } from './scenario/fault-helpers.js';
export type * from './scenario/types.js';
export type { ScenarioPlan, FaultPlan, LoadPlan, SloPlan, StackPlan, ThresholdPlan } from './scenario/plan.js';
export { resolveScenario } from './scenario/resolve-scenario.js';
export type { Problem } from './scenario/problems.js';
