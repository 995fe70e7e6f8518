import type { RequestStats } from '../metrics/request-stats.js';
import type { Trend } from '../metrics/trend-stats.js';
import type { ThresholdOp, ThresholdPlan } from '../scenario/plan.js';

export interface ThresholdOutcome {
  readonly ok: boolean;
  /** The aggregated value compared with the limit; `null` when k6 has no value to compare (an empty rate). */
  readonly actual: number | null;
  /** The metric had no samples. */
  readonly empty: boolean;
}

/**
 * Evaluates one threshold against the stats of the requests its key selects (the caller filters
 * by the threshold's tags), as k6 does at the end of a test (grafana/k6 `metrics/thresholds.go`,
 * `Thresholds.Run`): a trend without samples scores 0 in every aggregation, a counter without
 * samples has count 0 and rate 0 (no rate when the duration is 0), and a rate without samples
 * has no value, which k6 passes. So `count>=500` or `avg>10` over nothing fails, `p(95)<500`
 * over nothing passes.
 * @throws Error for an aggregation the metric does not support, which the scenario validator
 *   rejects before a run starts (so reaching it is a bug, not a user error).
 */
export function evaluateThreshold(threshold: ThresholdPlan, stats: RequestStats, durationMs: number): ThresholdOutcome {
  const { actual, empty } = aggregate(threshold, stats, durationMs);
  if (actual === null) return { ok: true, actual: null, empty };
  return { ok: compare(actual, threshold.op, threshold.value), actual, empty };
}

function aggregate(threshold: ThresholdPlan, stats: RequestStats, durationMs: number): { actual: number | null; empty: boolean } {
  const { metric, aggregation } = threshold;
  switch (metric) {
    case 'http_req_duration':
    case 'http_req_blocked':
    case 'faultline_response_time':
      return trendValue(threshold, stats[metric]);
    case 'http_req_failed':
      if (aggregation !== 'rate') throw unsupported(threshold);
      return { actual: stats.http_req_failed.rate, empty: stats.counts.total === 0 };
    case 'http_reqs': {
      const count = stats.http_reqs.count;
      if (aggregation === 'count') return { actual: count, empty: count === 0 };
      if (aggregation === 'rate') return { actual: durationMs > 0 ? count / (durationMs / 1000) : null, empty: count === 0 };
      throw unsupported(threshold);
    }
  }
}

function trendValue(threshold: ThresholdPlan, trend: Trend): { actual: number; empty: boolean } {
  // `count` is a summary column of trends but not a threshold aggregation in k6.
  const value = threshold.aggregation === 'count' ? undefined : trend.aggregate(threshold.aggregation);
  if (value === undefined) throw unsupported(threshold);
  return { actual: value, empty: trend.count === 0 };
}

function compare(actual: number, op: ThresholdOp, limit: number): boolean {
  switch (op) {
    case '<': return actual < limit;
    case '<=': return actual <= limit;
    case '>': return actual > limit;
    case '>=': return actual >= limit;
    case '==': return actual === limit;
    case '!=': return actual !== limit;
  }
}

function unsupported(threshold: ThresholdPlan): Error {
  return new Error(`threshold '${threshold.source}' on ${threshold.key}: aggregation '${threshold.aggregation}' is not supported for ${threshold.metric}`);
}
