import { defaultOutageSustainMs } from '../metrics/outage-windows.js';
import { resolveObjectives, sloObjectiveFields } from '../slo/catalogue.js';
import type { SloPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

const settingFields = ['sustain', 'outageSustain', 'steadyStateAfter'] as const;

/** The `slo` section: its settings here, each objective by its module in the SLO catalogue. */
export function resolveSlo(input: unknown, context: { replicated: boolean; writes: boolean }, check: ProblemCollector): SloPlan {
  const slo = check.object(input, 'slo', [...sloObjectiveFields, ...settingFields]);
  return {
    sustainMs: check.durationMs(slo?.sustain, 'slo.sustain', { fallback: 2000, minMs: 100 }),
    outageSustainMs: check.durationMs(slo?.outageSustain, 'slo.outageSustain', { fallback: defaultOutageSustainMs, minMs: 1, maxMs: 60_000 }),
    steadyStateAfter: check.boolean(slo?.steadyStateAfter, 'slo.steadyStateAfter', true),
    ...resolveObjectives(slo, { ...context, check }),
  };
}
