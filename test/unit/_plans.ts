import type { SloPlan } from '../../src/scenario/plan.js';
import { resolveScenario } from '../../src/resolve-scenario.js';

/** The SLO plan a scenario without objectives resolves to, with `overrides` on top. */
export function sloPlan(overrides: Partial<SloPlan> = {}): SloPlan {
  const resolved = resolveScenario({ name: 'defaults', load: { rate: 1, duration: '1s' } });
  if (!resolved.ok) throw new Error('the default scenario does not resolve');
  return { ...resolved.plan.slo, ...overrides };
}
