import type { RequestStats } from '../metrics/request-stats.js';
import type { ThresholdOp, ThresholdPlan } from '../scenario/plan.js';

export interface ThresholdOutcome {
  readonly ok: boolean;
  /** The aggregated value compared with the limit; `null` when the metric had no samples. */
  readonly actual: number | null;
}

/**
 * Evaluates one threshold against the stats of the requests its key selects (the caller filters
 * by the threshold's tags). As in k6, a threshold whose metric has no samples passes: a
 * `{phase:during}` threshold in a run where the fault changed nothing has nothing to judge.
 * @throws Error for an aggregation the metric does not support, which the scenario validator
 *   rejects before a run starts (so reaching it is a bug, not a user error).
 */
export function evaluateThreshold(threshold: ThresholdPlan, stats: RequestStats): ThresholdOutcome {
  const actual = aggregate(threshold, stats);
  if (actual === null) return { ok: true, actual: null };
  return { ok: compare(actual, threshold.op, threshold.value), actual };
}

function aggregate(threshold: ThresholdPlan, stats: RequestStats): number | null {
  const { metric, aggregation } = threshold;
  switch (metric) {
    case 'http_req_duration':
    case 'http_req_blocked': {
      const trend = stats[metric];
      if (trend.count === 0) return null;
      // `count` is a summary column of trends but not a threshold aggregation in k6.
      const value = aggregation === 'count' ? undefined : trend.aggregate(aggregation);
      if (value === undefined) throw unsupported(threshold);
      return value;
    }
    case 'http_req_failed':
      if (aggregation !== 'rate') throw unsupported(threshold);
      return stats.http_req_failed.rate;
    case 'http_reqs':
      if (stats.http_reqs.count === 0) return null;
      if (aggregation === 'count') return stats.http_reqs.count;
      if (aggregation === 'rate') return stats.http_reqs.rate;
      throw unsupported(threshold);
  }
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
