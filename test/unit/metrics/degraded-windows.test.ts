import { describe, expect, it } from 'vitest';
import { degradedWindows } from '../../../src/metrics/degraded-windows.js';
import { openLoop, samples } from './_history.js';

describe('degradedWindows', () => {
  it('should mark the buckets whose error rate is above the bound, and merge neighbours into one window', () => {
    // 100 req/s for 10 s; from 2 s to 5 s every 20th request fails (5 %), elsewhere none.
    const rows = openLoop({
      rate: 100, durationMs: 10_000, timeoutMs: 1000,
      serve: (t, i) => (t >= 2000 && t < 5000 && i % 20 === 0 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }),
    });
    const result = degradedWindows(samples(rows), { errorRateAbove: 0.01 });
    expect(result.windows).toEqual([{ startMs: 2000, endMs: 5000, durationMs: 3000, requests: 300, notOk: 15, worstErrorRate: 0.05 }]);
    expect(result).toMatchObject({ longestMs: 3000, totalMs: 3000, bucketMs: 1000, errorRateAbove: 0.01 });
    // 5 % is not above a 5 % bound.
    expect(degradedWindows(samples(rows), { errorRateAbove: 0.05 }).windows).toEqual([]);
  });

  it('should keep windows apart when a healthy bucket lies between them, at the bucket size asked', () => {
    const rows = openLoop({
      rate: 100, durationMs: 4000, timeoutMs: 1000,
      serve: (t) => ((t >= 500 && t < 750) || (t >= 2000 && t < 2250) ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }),
    });
    const result = degradedWindows(samples(rows), { errorRateAbove: 0.01, bucketMs: 250 });
    expect(result.windows.map((w) => [w.startMs, w.endMs])).toEqual([[500, 750], [2000, 2250]]);
    expect(result.totalMs).toBe(500);
  });
});
