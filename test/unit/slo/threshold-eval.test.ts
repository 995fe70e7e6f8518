import { describe, expect, it } from 'vitest';
import { requestStats } from '../../../src/metrics/request-stats.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { ThresholdMetric, ThresholdOp, ThresholdPlan } from '../../../src/scenario/plan.js';
import { evaluateThreshold } from '../../../src/slo/threshold-eval.js';

const threshold = (metric: ThresholdMetric, aggregation: string, op: ThresholdOp, value: number): ThresholdPlan =>
  ({ key: metric, metric, tags: {}, source: `${aggregation}${op}${value}`, aggregation, op, value });

// Durations 10, 15, 20 ms (the k6 fixture); one of three requests failed.
const stats = requestStats(samplesFromRows([
  { scheduledMs: 0, endMs: 10, outcome: 'ok' },
  { scheduledMs: 500, endMs: 515, outcome: 'ok' },
  { scheduledMs: 1000, endMs: 1020, outcome: 'fail' },
]), { runDurationMs: 3000 });
const empty = requestStats(samplesFromRows([]), { runDurationMs: 3000 });

describe('evaluateThreshold', () => {
  it.each([
    ['<', 19.5, false], ['<', 19.6, true],
    ['<=', 19.5, true], ['<=', 19.4, false],
    ['>', 19.4, true], ['>', 19.5, false],
    ['>=', 19.5, true], ['>=', 19.6, false],
    ['==', 19.5, true], ['==', 19, false],
    ['!=', 19, true], ['!=', 19.5, false],
  ] as const)('should compare p(95)=19.5 %s %d as %s', (op, value, ok) => {
    expect(evaluateThreshold(threshold('http_req_duration', 'p(95)', op, value), stats)).toEqual({ ok, actual: 19.5 });
  });

  it('should evaluate every trend aggregation', () => {
    expect(evaluateThreshold(threshold('http_req_duration', 'avg', '==', 15), stats)).toEqual({ ok: true, actual: 15 });
    expect(evaluateThreshold(threshold('http_req_duration', 'min', '==', 10), stats)).toEqual({ ok: true, actual: 10 });
    expect(evaluateThreshold(threshold('http_req_duration', 'max', '==', 20), stats)).toEqual({ ok: true, actual: 20 });
    expect(evaluateThreshold(threshold('http_req_duration', 'med', '==', 15), stats)).toEqual({ ok: true, actual: 15 });
    expect(evaluateThreshold(threshold('http_req_blocked', 'max', '<', 1), stats)).toEqual({ ok: true, actual: 0 });
  });

  it('should evaluate the failure rate and the request counter', () => {
    expect(evaluateThreshold(threshold('http_req_failed', 'rate', '<', 0.01), stats)).toEqual({ ok: false, actual: 1 / 3 });
    expect(evaluateThreshold(threshold('http_reqs', 'count', '>=', 3), stats)).toEqual({ ok: true, actual: 3 });
    expect(evaluateThreshold(threshold('http_reqs', 'rate', '>', 1), stats)).toEqual({ ok: false, actual: 1 });
  });

  it('should pass a threshold whose metric has no samples, as k6 does', () => {
    expect(evaluateThreshold(threshold('http_req_duration', 'p(95)', '<', 0), empty)).toEqual({ ok: true, actual: null });
    expect(evaluateThreshold(threshold('http_req_failed', 'rate', '<', 0), empty)).toEqual({ ok: true, actual: null });
    expect(evaluateThreshold(threshold('http_reqs', 'count', '>', 100), empty)).toEqual({ ok: true, actual: null });
  });

  it('should throw on an aggregation the validator would have rejected', () => {
    expect(() => evaluateThreshold(threshold('http_req_failed', 'avg', '<', 1), stats)).toThrow(/not supported/);
    expect(() => evaluateThreshold(threshold('http_req_duration', 'rate', '<', 1), stats)).toThrow(/not supported/);
  });
});
