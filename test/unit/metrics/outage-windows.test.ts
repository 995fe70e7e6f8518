import { describe, expect, it } from 'vitest';
import { OpMask } from '../../../src/metrics/op-mask.js';
import { outageWindows } from '../../../src/metrics/outage-windows.js';
import { openLoop, pausedBackend, refusing, samples, shuffled, type Row } from './_history.js';

const healthy = (latencyMs = 2) => (t: number) => ({ outcome: 'ok' as const, endMs: t + latencyMs });

describe('outageWindows', () => {
  it('should find no window when every request succeeds', () => {
    const rows = openLoop({ rate: 100, durationMs: 5000, timeoutMs: 1000, serve: healthy() });
    const result = outageWindows(samples(rows));
    expect(result.windows).toEqual([]);
    expect(result.longestMs).toBe(0);
    expect(result.totalMs).toBe(0);
  });

  it('should measure one clean outage from the first failing request to the first ok completion after it', () => {
    // 10 ms apart; requests due in [1000, 1500) are refused in 1 ms; others succeed in 2 ms.
    const rows = openLoop({ rate: 100, durationMs: 3000, timeoutMs: 1000, serve: refusing(1000, 1500) });
    const result = outageWindows(samples(rows));
    expect(result.windows).toEqual([
      { startMs: 1000, endMs: 1502, durationMs: 502, failed: 50, unknown: 0, ok: 0, ongoing: false },
    ]);
    expect(result.longestMs).toBe(502);
    expect(result.totalMs).toBe(502);
  });

  it('should measure a 3 s pause of the only backend as 3000 ms within the resolution', () => {
    // Ground truth shape of the integration test: 200 req/s, 1 s timeout, backend frozen for 3 s.
    // Requests due during the pause hang and time out (unknown); the backlog completes ok on thaw.
    const rows = openLoop({ rate: 200, durationMs: 10_000, timeoutMs: 1000, serve: pausedBackend(4000, 3000) });
    const result = outageWindows(samples(rows));
    expect(result.windows).toHaveLength(1);
    const [window] = result.windows;
    expect(window?.unknown).toBeGreaterThan(300);
    expect(window?.failed).toBe(0);
    expect(window?.ongoing).toBe(false);
    expect(result.resolutionMs).toBeCloseTo(7, 0); // 5 ms between requests + 2 ms latency
    const resolution = result.resolutionMs ?? Infinity;
    expect(Math.abs((window?.startMs ?? 0) - 4000)).toBeLessThanOrEqual(resolution);
    // While the backlog drains (0.05 ms a request), those due up to ~6022 still time out between
    // oks: failures the client saw, so the outage lasts until the first ok after them (~7022).
    expect(window?.endMs).toBeGreaterThanOrEqual(7000);
    expect(window?.endMs).toBeLessThanOrEqual(7025 + resolution);
    expect(result.longestMs).toBe(window?.durationMs);
    expect(Math.abs(result.longestMs - 3000)).toBeLessThanOrEqual(150);
  });

  it('should not let requests that hang until their timeout split an outage into short windows', () => {
    // One of three backends hangs for 750 ms (until the LB routes around it): its requests time
    // out 1 s after they were due, while the other two keep answering. The client saw failures
    // from the first hung request until the last of them timed out.
    const rows = openLoop({
      rate: 300, durationMs: 6000, timeoutMs: 1000,
      serve: (t, i) => (t >= 2000 && t < 2750 && i % 3 === 0 ? { outcome: 'hang' } : { outcome: 'ok', endMs: t + 2 }),
    });
    const result = outageWindows(samples(rows));
    expect(result.windows).toHaveLength(1);
    expect(result.windows[0]).toMatchObject({ startMs: 2000, ongoing: false });
    expect(result.windows[0]!.endMs).toBeGreaterThanOrEqual(3740);
    expect(result.windows[0]!.endMs).toBeLessThan(3760);
  });

  it('should start a window at the earliest-due failing request even when a later one failed first', () => {
    // The request due at 1000 hangs until its 1 s timeout; those due later are refused at once.
    const rows: Row[] = [];
    for (let t = 0; t < 3000; t += 10) {
      if (t === 1000) rows.push({ scheduledMs: t, endMs: t + 1000, outcome: 'unknown' });
      else if (t > 1000 && t < 2500) rows.push({ scheduledMs: t, endMs: t + 1, outcome: 'fail' });
      else rows.push({ scheduledMs: t, endMs: t + 2, outcome: 'ok' });
    }
    const [window] = outageWindows(samples(rows)).windows;
    expect(window).toMatchObject({ startMs: 1000, endMs: 2502, failed: 149, unknown: 1 });
  });

  it('should not start before the last ok completion', () => {
    // A slow ok (due 980, done 1005) completes after the first failing request was due (990).
    const rows: Row[] = [
      { scheduledMs: 970, endMs: 972, outcome: 'ok' },
      { scheduledMs: 980, endMs: 1005, outcome: 'ok' },
      { scheduledMs: 990, endMs: 1010, outcome: 'fail' },
      { scheduledMs: 1000, endMs: 1020, outcome: 'fail' },
      ...Array.from({ length: 40 }, (_, i) => ({ scheduledMs: 1030 + i * 10, endMs: 1032 + i * 10, outcome: 'ok' as const })),
    ];
    expect(outageWindows(samples(rows)).windows).toEqual([
      { startMs: 1005, endMs: 1032, durationMs: 27, failed: 2, unknown: 0, ok: 0, ongoing: false },
    ]);
  });

  it('should not end an outage on a success the data cannot show was sustained', () => {
    // At 2 req/s, and at the end of the data, one ok answer is no evidence of recovery.
    const slow = openLoop({ rate: 2, durationMs: 20_000, timeoutMs: 1000, serve: (t, i) => (t >= 2000 && t < 12_000 && i % 2 === 0 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }) });
    expect(outageWindows(samples(slow)).windows).toHaveLength(1);
    const endsRight = openLoop({ rate: 100, durationMs: 2010, timeoutMs: 1000, serve: (t) => (t >= 1000 && t < 2000 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }) });
    expect(outageWindows(samples(endsRight)).windows[0]?.ongoing).toBe(true);
  });

  it('should not let lucky successes split a partial outage', () => {
    // 10 s at 50 % errors: one outage of 10 s, not hundreds of short ones.
    const rows = openLoop({
      rate: 100,
      durationMs: 12_000,
      timeoutMs: 1000,
      serve: (t, i) => (t >= 1000 && t < 11_000 && i % 2 === 0 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }),
    });
    const result = outageWindows(samples(rows));
    // The last failure is due at 10 980; the ok due at 10 990 is the first followed by nothing but ok.
    expect(result.windows).toEqual([{ startMs: 1000, endMs: 10_992, durationMs: 9992, failed: 500, unknown: 0, ok: 499, ongoing: false }]);
    expect(result.longestMs).toBe(9992);
  });

  it('should keep failures further apart than the sustain window as separate short outages', () => {
    // One failure every 500 ms, 250 ms sustain: each is its own window, closed by the next ok.
    const rows = openLoop({
      rate: 100,
      durationMs: 4000,
      timeoutMs: 1000,
      serve: (t) => (t % 500 === 0 && t > 0 && t <= 3000 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 }),
    });
    const result = outageWindows(samples(rows));
    expect(result.windows).toHaveLength(6);
    for (const w of result.windows) expect(w).toMatchObject({ failed: 1, ok: 0, durationMs: 12 });
    // With a 600 ms sustain the same failures merge into one window from the first to past the last.
    const merged = outageWindows(samples(rows), { sustainMs: 600 });
    expect(merged.windows).toHaveLength(1);
    expect(merged.windows[0]).toMatchObject({ startMs: 500, endMs: 3012, failed: 6 });
  });

  it('should start an outage at the very start at the first request due', () => {
    const rows = openLoop({ rate: 100, durationMs: 2000, timeoutMs: 1000, serve: refusing(0, 500) });
    expect(outageWindows(samples(rows)).windows).toEqual([
      { startMs: 0, endMs: 502, durationMs: 502, failed: 50, unknown: 0, ok: 0, ongoing: false },
    ]);
  });

  it('should mark an outage still open at the end as ongoing, ending at the last completion', () => {
    const rows = openLoop({ rate: 100, durationMs: 2000, timeoutMs: 1000, serve: refusing(1500, Infinity) });
    const result = outageWindows(samples(rows));
    // Last request due at 1990, refused at 1991.
    expect(result.windows).toEqual([
      { startMs: 1500, endMs: 1991, durationMs: 491, failed: 50, unknown: 0, ok: 0, ongoing: true },
    ]);
    expect(outageWindows(samples(rows), { endOfDataMs: 2000 }).windows[0]?.endMs).toBe(2000);
  });

  it('should give the same windows for rows in any order', () => {
    const rows = openLoop({ rate: 100, durationMs: 4000, timeoutMs: 1000, serve: pausedBackend(1000, 1500) });
    const sorted = outageWindows(samples(rows));
    const unsorted = outageWindows(samples(shuffled(rows)));
    expect(sorted.windows).toHaveLength(1);
    expect(unsorted).toEqual(sorted);
  });

  it('should measure a write outage when filtered to writes', () => {
    // Odd requests are writes; writes due in [1000, 2000) are refused, reads always succeed.
    const rows = openLoop({
      rate: 100,
      durationMs: 3000,
      timeoutMs: 1000,
      op: (i) => (i % 2 === 1 ? 'write' : 'read'),
      serve: (t, i) => (i % 2 === 1 && t >= 1000 && t < 2000
        ? { outcome: 'fail', endMs: t + 1 }
        : { outcome: 'ok', endMs: t + 2 }),
    });
    const writes = outageWindows(samples(rows), { opMask: OpMask.write });
    expect(writes.windows).toEqual([
      { startMs: 1010, endMs: 2012, durationMs: 1002, failed: 50, unknown: 0, ok: 0, ongoing: false },
    ]);
    expect(outageWindows(samples(rows), { opMask: OpMask.read }).windows).toEqual([]);
    // Mixed, it is a partial outage: every other request fails, and the reads that succeed in
    // between are not sustained success.
    expect(outageWindows(samples(rows)).longestMs).toBe(992);
  });
});
