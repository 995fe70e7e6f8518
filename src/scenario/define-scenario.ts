import type { ScenarioInput } from './types.js';

/**
 * Declares a scenario. An identity function: it exists so a scenario file is a plain object that
 * type-checks against {@link ScenarioInput}.
 *
 * ```ts
 * export default defineScenario({ name: 'app-replica-kill', load: { rate: 200, duration: '30s' } });
 * ```
 */
export function defineScenario<const T extends ScenarioInput>(scenario: T): T {
  return scenario;
}
