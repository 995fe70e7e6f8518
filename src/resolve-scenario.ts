import { faultKinds } from './faults/registry.js';
import { resolveScenarioWith, type ResolveResult } from './scenario/resolve-scenario.js';

export type { ResolveResult } from './scenario/resolve-scenario.js';

/**
 * Turns a scenario as written into a plan, or into the complete list of problems with it, with
 * faultline's catalogue of fault kinds. The scenario layer itself knows no fault kind: it is
 * handed them here, so that it stays below the faults layer.
 */
export function resolveScenario(input: unknown, file?: string): ResolveResult {
  return resolveScenarioWith(faultKinds, input, file);
}
