import { describe, expect, it } from 'vitest';
import { LogLinearHistogram } from '../../../src/metrics/log-linear-histogram.js';
import { percentile } from '../../../src/metrics/percentile.js';
import { Outcome } from '../../../src/metrics/request-samples.js';
import { BucketAccumulator, timeBuckets } from '../../../src/metrics/time-buckets.js';
import { openLoop, pausedBackend, samples, shuffled } from './_history.js';

const ok = (scheduledMs: number, latencyMs: number) =>
  ({ scheduledMs, sentMs: scheduledMs, endMs: scheduledMs + latencyMs, outcome: Outcome.ok });

describe('BucketAccumulator', () => {
  it('should give the p99 from the schedule beside the service time: a request sent late waited longer than it took', () => {
    const acc = new BucketAccumulator();
    acc.add({ scheduledMs: 100, sentMs: 600, endMs: 610, outcome: Outcome.ok });
    const [bucket] = acc.flush();
    expect(bucket?.maxMs).toBe(10);
    expect(bucket?.dueP99Ms).toBeCloseTo(510, 0);
  });

  it('should bucket by scheduled time and emit only buckets that have ended', () => {
    const acc = new BucketAccumulator();
    acc.add(ok(1500, 10)); // arrives first, belongs to the second bucket
    acc.add(ok(200, 20));
    acc.add({ scheduledMs: 900, sentMs: 900, endMs: 1900, outcome: Outcome.unknown });
    expect(acc.drain(999)).toEqual([]);
    const [first] = acc.drain(1000);
    expect(first).toMatchObject({ startMs: 0, endMs: 1000, count: 2, ok: 1, fail: 0, unknown: 1, notSent: 0, maxMs: 1000 });
    expect(first?.p50Ms).toBeCloseTo(20, 1);
    expect(first?.p99Ms).toBe(1000); // clamped to the exact max
    expect(acc.drain(1999)).toEqual([]);
    expect(acc.drain(2000)).toMatchObject([{ startMs: 1000, count: 1, ok: 1, maxMs: 10 }]);
  });

  it('should emit empty buckets for gaps and count rows that arrive after their bucket was drained', () => {
    const acc = new BucketAccumulator({ intervalMs: 500 });
    acc.add(ok(100, 1));
    acc.add(ok(1600, 1));
    const drained = acc.drain(2000);
    expect(drained.map((b) => [b.startMs, b.count])).toEqual([[0, 1], [500, 0], [1000, 0], [1500, 1]]);
    expect(drained[1]).toMatchObject({ p50Ms: null, p99Ms: null, maxMs: null });
    acc.add(ok(300, 1));
    expect(acc.lateCount).toBe(1);
    expect(acc.drain(2500)).toMatchObject([{ startMs: 2000, count: 0 }]);
  });

  it('should count never-sent requests without giving them a latency', () => {
    const acc = new BucketAccumulator();
    acc.add({ scheduledMs: 10, sentMs: Number.NaN, endMs: 10, outcome: Outcome.fail });
    expect(acc.flush()).toEqual([{ startMs: 0, endMs: 1000, count: 1, ok: 0, fail: 1, unknown: 0, notSent: 1, p50Ms: null, p99Ms: null, maxMs: null, dueP99Ms: null }]);
  });

  it('should flush everything up to the last bucket holding a request', () => {
    const acc = new BucketAccumulator();
    acc.add(ok(2500, 1));
    expect(acc.flush().map((b) => b.startMs)).toEqual([0, 1000, 2000]);
    expect(acc.flush()).toEqual([]);
    expect(acc.drain(Infinity)).toEqual([]);
  });

  it('should show a pause as timeouts in the buckets it covers, whatever order requests complete in', () => {
    const rows = openLoop({ rate: 200, durationMs: 10_000, timeoutMs: 1000, serve: pausedBackend(4000, 3000) });
    const byCompletion = shuffled(rows);
    const buckets = timeBuckets(samples(byCompletion));
    expect(buckets).toHaveLength(10);
    // Due in [4000, 6000): hung past the timeout. Due 6000–6020: still queued behind the backlog
    // when their timeout fired. Due from 6025: answered by the flush in time.
    expect(buckets.map((b) => b.unknown)).toEqual([0, 0, 0, 0, 200, 200, 5, 0, 0, 0]);
    expect(buckets[3]?.p99Ms).toBeCloseTo(2, 1);
    expect(buckets[5]?.maxMs).toBe(1000);
  });
});

describe('LogLinearHistogram', () => {
  it('should estimate quantiles within 0.4 % of exact nearest-rank values', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 0.05 + ((i * 7919) % 5000) * 1.37);
    const histogram = new LogLinearHistogram();
    for (const v of values) histogram.add(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.01, 0.5, 0.9, 0.99, 0.999]) {
      const exact = sorted[Math.ceil(q * values.length) - 1] as number;
      const estimate = histogram.quantile(q) as number;
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * 0.004 + 0.0005);
    }
    expect(histogram.max).toBe(Math.max(...values));
    expect(histogram.min).toBe(Math.min(...values));
    expect(Math.abs((histogram.quantile(0.5) as number) - percentile(values, 0.5))).toBeLessThan(percentile(values, 0.5) * 0.004 + 2);
  });

  it('should be empty until a value is added', () => {
    const histogram = new LogLinearHistogram();
    expect(histogram.quantile(0.5)).toBeNull();
    histogram.add(Number.NaN);
    expect(histogram.count).toBe(0);
    histogram.add(3);
    expect(histogram.quantile(0.5)).toBe(3);
  });
});
