import { formatDuration } from '../../scenario/duration.js';
import type { DegradedSummary } from '../../metrics/degraded-windows.js';
import type { DegradedPlan } from '../../scenario/plan.js';
import { readFraction, readLimitMs } from '../fraction.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';
import { fmt, judged, noRequests } from '../slo-result.js';

const fields = ['errorRate', 'bucket', 'longest', 'total'] as const;

/**
 * `slo.degraded`: how degraded windows are cut (buckets whose error rate is above a bound; the
 * load analysis measures them whether or not an objective is set) and, optionally, limits on
 * the longest window and on their total.
 */
export const degradedSlo = defineSlo({
  field: 'degraded',
  planKey: 'degraded',
  stage: 'load',
  resolve(value, { field, check }): DegradedPlan {
    const input = check.object(value, field, fields);
    return {
      errorRateAbove: input?.errorRate === undefined ? 0.01 : readFraction(input.errorRate, `${field}.errorRate`, check) ?? 0.01,
      bucketMs: check.durationMs(input?.bucket, `${field}.bucket`, { fallback: 1000, minMs: 50, maxMs: 60_000 }),
      longestMaxMs: readLimitMs(input?.longest, `${field}.longest`, check),
      totalMaxMs: readLimitMs(input?.total, `${field}.total`, check),
    };
  },
  describe: (plan) => [
    ...(plan.longestMaxMs === undefined ? [] : [`longest degraded ≤ ${formatDuration(plan.longestMaxMs)}`]),
    ...(plan.totalMaxMs === undefined ? [] : [`total degraded ≤ ${formatDuration(plan.totalMaxMs)}`]),
  ],
  evaluate(plan, { stats, degraded }) {
    const results: SloResult[] = [];
    const bound = `error rate above ${fmt(plan.errorRateAbove * 100)}% per ${formatDuration(plan.bucketMs)}`;
    const judge = (id: 'longest-degraded' | 'total-degraded', limit: number, measure: (s: DegradedSummary) => number): void => {
      const name = `${id === 'longest-degraded' ? 'longest' : 'total'} degraded (${bound}) ≤ ${formatDuration(limit)}`;
      const base = { id, name, kind: id, limit, unit: 'ms' } as const;
      if (stats.counts.total === 0 || degraded === undefined) {
        results.push({ ...base, status: 'no-data', actual: null, detail: noRequests });
        return;
      }
      const actual = measure(degraded);
      results.push({ ...base, status: judged(actual <= limit), actual, detail: `${degraded.windows.length} degraded window(s), edges exact to ${formatDuration(degraded.bucketMs)}` });
    };
    if (plan.longestMaxMs !== undefined) judge('longest-degraded', plan.longestMaxMs, (s) => s.longestMs);
    if (plan.totalMaxMs !== undefined) judge('total-degraded', plan.totalMaxMs, (s) => s.totalMs);
    return results;
  },
});
