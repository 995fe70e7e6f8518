import type { SloPlan } from '../scenario/plan.js';
import { judgeStage } from './catalogue.js';
import type { DataChecks, LoadEvidence } from './slo-module.js';
import type { SloResult } from './slo-result.js';

/** What the load objectives are judged on: the plan's `slo`, and what the load analysis measured. */
export interface SloInput extends Omit<LoadEvidence, 'sustainMs'> {
  readonly slo: SloPlan;
}

/**
 * One result per configured load objective (availability, outages, degraded time, recovery),
 * then one per threshold, in the SLO catalogue's order.
 *
 * An empty run (no requests at all) judges nothing: every objective but the thresholds is
 * `no-data`. Thresholds behave exactly as k6's: a metric without samples scores 0 (a trend's
 * every aggregation, a counter's count and rate) and a rate metric without samples passes;
 * their detail then says "no data".
 * @throws Error when a threshold has tags and `statsFor` is missing (a bug in the caller).
 */
export function evaluateSlo(input: SloInput): SloResult[] {
  return judgeStage('load', input.slo, { ...input, sustainMs: input.slo.sustainMs });
}

/** One result per data objective the plan sets: write outage, lost writes, single writer, convergence. Pure. */
export function evaluateDataSlos(slo: SloPlan, checks: DataChecks): SloResult[] {
  return judgeStage('data', slo, checks);
}
