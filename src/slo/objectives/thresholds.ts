import { describe } from '../../scenario/duration.js';
import type { ThresholdPlan } from '../../scenario/plan.js';
import { join } from '../../scenario/problems.js';
import { defineSlo, type LoadEvidence } from '../slo-module.js';
import { fmt, judged, type SloResult } from '../slo-result.js';
import { evaluateThreshold } from '../threshold-eval.js';
import { parseThresholdExpression, parseThresholdKey, thresholdMetricTypes } from '../threshold-parser.js';

const thresholdObjectFields = ['threshold', 'abortOnFail', 'delayAbortEval'] as const;

/**
 * `slo.thresholds`: k6 thresholds, `{ 'http_req_duration{phase:during}': ['p(95)<500'] }`, judged
 * exactly as k6 judges them, also over no data.
 */
export const thresholdsSlo = defineSlo({
  field: 'thresholds',
  planKey: 'thresholds',
  stage: 'load',
  resolve(input, { field: tableField, check }): readonly ThresholdPlan[] {
    const table = check.object(input, tableField, Object.keys((input as object | undefined) ?? {}));
    const plans: ThresholdPlan[] = [];
    for (const [key, list] of Object.entries(table ?? {})) {
      const field = `${tableField}['${key}']`;
      const parsedKey = parseThresholdKey(key);
      if (!parsedKey.ok) {
        check.add(field, parsedKey.message);
        continue;
      }
      if (!Array.isArray(list)) {
        check.add(field, `must be an array of threshold strings such as ['p(95)<500'], got ${describe(list)}`);
        continue;
      }
      list.forEach((entry: unknown, index) => {
        const entryField = join(field, index);
        const object = typeof entry === 'object' && entry !== null && !Array.isArray(entry)
          ? check.object(entry, entryField, thresholdObjectFields)
          : undefined;
        const source = object ? object.threshold : entry;
        if (typeof source !== 'string') {
          check.add(object ? `${entryField}.threshold` : entryField, `must be a threshold string such as 'p(95)<500' or { threshold: 'p(95)<500', abortOnFail: true }, got ${describe(object ? object.threshold : entry)}`);
          return;
        }
        const abortOnFail = check.boolean(object?.abortOnFail, `${entryField}.abortOnFail`, false);
        const delayAbortEvalMs = check.durationMs(object?.delayAbortEval, `${entryField}.delayAbortEval`, { fallback: 0 });
        const parsed = parseThresholdExpression(source, parsedKey.metric);
        if (!parsed.ok) {
          check.add(entryField, parsed.message);
          return;
        }
        plans.push({ key, metric: parsedKey.metric, tags: parsedKey.tags, source, aggregation: parsed.aggregation, op: parsed.op, value: parsed.value, abortOnFail, delayAbortEvalMs });
      });
    }
    return plans;
  },
  describe: (thresholds) => thresholds.map((t) => `${t.key}: ${t.source}`),
  evaluate: (thresholds, evidence) => thresholds.map((threshold) => thresholdResult(evidence, threshold)),
});

/** @throws Error when a threshold has tags and `statsFor` is missing (a bug in the caller). */
function thresholdResult(evidence: LoadEvidence, threshold: ThresholdPlan): SloResult {
  const trend = thresholdMetricTypes[threshold.metric] === 'trend';
  const base = {
    id: `threshold:${threshold.key}:${threshold.source}`,
    name: `${threshold.key} ${threshold.source}`,
    kind: 'threshold',
    limit: threshold.value,
    unit: trend ? 'ms' : '',
  } as const;
  const hasTags = Object.values(threshold.tags).some((value) => value !== undefined);
  if (hasTags && evidence.statsFor === undefined) {
    throw new Error(`evaluateSlo: threshold ${threshold.key} has tags but no statsFor was given`);
  }
  const stats = hasTags && evidence.statsFor ? evidence.statsFor(threshold.tags) : evidence.stats;
  const outcome = evaluateThreshold(threshold, stats, evidence.durationMs ?? 0);
  const value = outcome.actual === null ? 'no value' : `${fmt(outcome.actual)}${trend ? ' ms' : ''}`;
  const detail = outcome.empty
    ? `no data: ${threshold.key} had no samples; ${outcome.actual === null ? 'k6 passes a rate threshold without samples' : `scored as ${threshold.aggregation} = ${value}, as k6 does`}`
    : `${threshold.aggregation} = ${value}`;
  return { ...base, status: judged(outcome.ok), actual: outcome.actual, detail };
}
