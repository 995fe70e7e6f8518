import { describe, expect, it } from 'vitest';
import { requestStats } from '../../../src/metrics/request-stats.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { ThresholdMetric, ThresholdOp, ThresholdPlan } from '../../../src/scenario/plan.js';
import { evaluateThreshold } from '../../../src/slo/threshold-eval.js';

const threshold = (metric: ThresholdMetric, aggregation: string, op: ThresholdOp, value: number): ThresholdPlan =>
  ({ key: metric, metric, tags: {}, source: `${aggregation}${op}${value}`, aggregation, op, value, abortOnFail: false, delayAbortEvalMs: 0 });
const run = 3000;

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
    expect(evaluateThreshold(threshold('http_req_duration', 'p(95)', op, value), stats, run)).toEqual({ ok, actual: 19.5, empty: false });
  });

  it('should evaluate every trend aggregation', () => {
    expect(evaluateThreshold(threshold('http_req_duration', 'avg', '==', 15), stats, run)).toEqual({ ok: true, actual: 15, empty: false });
    expect(evaluateThreshold(threshold('http_req_duration', 'min', '==', 10), stats, run)).toEqual({ ok: true, actual: 10, empty: false });
    expect(evaluateThreshold(threshold('http_req_duration', 'max', '==', 20), stats, run)).toEqual({ ok: true, actual: 20, empty: false });
    expect(evaluateThreshold(threshold('http_req_duration', 'med', '==', 15), stats, run)).toEqual({ ok: true, actual: 15, empty: false });
    expect(evaluateThreshold(threshold('http_req_blocked', 'max', '<', 1), stats, run)).toEqual({ ok: true, actual: 0, empty: false });
  });

  it('should evaluate the failure rate and the request counter', () => {
    expect(evaluateThreshold(threshold('http_req_failed', 'rate', '<', 0.01), stats, run)).toEqual({ ok: false, actual: 1 / 3, empty: false });
    expect(evaluateThreshold(threshold('http_reqs', 'count', '>=', 3), stats, run)).toEqual({ ok: true, actual: 3, empty: false });
    expect(evaluateThreshold(threshold('http_reqs', 'rate', '>', 1), stats, run)).toEqual({ ok: false, actual: 1, empty: false });
  });

  it('should score a metric without samples as k6 does: trends and counters 0, rates pass', () => {
    // grafana/k6 metrics/thresholds.go: an empty trend's every aggregation is 0, an empty
    // counter has count 0 and rate 0, an empty rate has no value (and passes).
    expect(evaluateThreshold(threshold('http_req_duration', 'p(95)', '<', 500), empty, run)).toEqual({ ok: true, actual: 0, empty: true });
    expect(evaluateThreshold(threshold('http_req_duration', 'avg', '>', 10), empty, run)).toEqual({ ok: false, actual: 0, empty: true });
    expect(evaluateThreshold(threshold('http_reqs', 'count', '>=', 500), empty, run)).toEqual({ ok: false, actual: 0, empty: true });
    expect(evaluateThreshold(threshold('http_reqs', 'rate', '>', 0), empty, run)).toEqual({ ok: false, actual: 0, empty: true });
    expect(evaluateThreshold(threshold('http_req_failed', 'rate', '<', 0.01), empty, run)).toEqual({ ok: true, actual: null, empty: true });
    expect(evaluateThreshold(threshold('http_req_failed', 'rate', '>', 0.5), empty, run)).toEqual({ ok: true, actual: null, empty: true });
  });

  it('should give a counter no rate over a run of no duration, which passes as in k6', () => {
    expect(evaluateThreshold(threshold('http_reqs', 'rate', '>', 1), stats, 0)).toEqual({ ok: true, actual: null, empty: false });
  });

  it('should judge the response time from the due time', () => {
    // The third request was due at 1000 and answered at 1020: 20 ms from due; all sent when due.
    expect(evaluateThreshold(threshold('faultline_response_time', 'max', '==', 20), stats, run)).toEqual({ ok: true, actual: 20, empty: false });
  });

  it('should throw on an aggregation the validator would have rejected', () => {
    expect(() => evaluateThreshold(threshold('http_req_failed', 'avg', '<', 1), stats, run)).toThrow(/not supported/);
    expect(() => evaluateThreshold(threshold('http_req_duration', 'rate', '<', 1), stats, run)).toThrow(/not supported/);
  });
});
