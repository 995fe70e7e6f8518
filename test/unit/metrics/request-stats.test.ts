import { describe, expect, it } from 'vitest';
import { PhaseCode } from '../../../src/metrics/phases.js';
import { requestStats, requestStatsProvider } from '../../../src/metrics/request-stats.js';
import { RequestFlag } from '../../../src/metrics/request-samples.js';
import { samples, type Row } from './_history.js';

const rows: Row[] = [
  { scheduledMs: 0, sentMs: 0, endMs: 10, outcome: 'ok', op: 'read' },
  { scheduledMs: 100, sentMs: 104, endMs: 124, outcome: 'ok', op: 'write' },
  { scheduledMs: 200, sentMs: 200, endMs: 1200, outcome: 'unknown', op: 'write' }, // timed out
  { scheduledMs: 300, sentMs: 301, endMs: 331, outcome: 'fail', op: 'read', status: 503 },
  { scheduledMs: 400, sentMs: Number.NaN, endMs: 400, outcome: 'fail', op: 'read' }, // never sent
];
const phases = Uint8Array.from([PhaseCode.before, PhaseCode.before, PhaseCode.during, PhaseCode.during, PhaseCode.after]);

describe('requestStats', () => {
  it('should count outcomes and compute request-based availability', () => {
    const stats = requestStats(samples(rows), { runDurationMs: 2000 });
    expect(stats.counts).toEqual({ total: 5, ok: 2, fail: 2, unknown: 1, notSent: 1, refused: 0, dropped: 0, generatorBehind: 0 });
    expect(stats.availability).toBe(0.4);
    expect(stats.http_req_failed).toEqual({ rate: 0.6, passes: 3, fails: 2 });
    expect(stats.http_reqs).toEqual({ count: 5, rate: 2.5 });
  });

  it('should time every sent request, a timeout with its full duration, and skip unsent ones', () => {
    const stats = requestStats(samples(rows), { runDurationMs: 2000 });
    expect(Array.from(stats.http_req_duration.sorted)).toEqual([10, 20, 30, 1000]);
    expect(stats.http_req_duration.max).toBe(1000);
    expect(Array.from(stats.http_req_blocked.sorted)).toEqual([0, 0, 1, 4]);
  });

  it('should filter by op and by phase', () => {
    const writes = requestStats(samples(rows), { runDurationMs: 2000, filter: { op: 'write' } });
    expect(writes.counts).toMatchObject({ total: 2, ok: 1, fail: 0, unknown: 1, notSent: 0 });
    const during = requestStats(samples(rows), { runDurationMs: 2000, filter: { phase: 'during' }, phases });
    expect(during.counts).toMatchObject({ total: 2, ok: 0, fail: 1, unknown: 1, notSent: 0 });
    expect(during.availability).toBe(0);
    const duringWrites = requestStats(samples(rows), { runDurationMs: 2000, filter: { phase: 'during', op: 'write' }, phases });
    expect(duringWrites.counts.total).toBe(1);
  });

  it('should time every request from its due time, sent or not (faultline_response_time)', () => {
    const stats = requestStats(samples(rows), { runDurationMs: 2000 });
    expect(Array.from(stats.faultline_response_time.sorted)).toEqual([0, 10, 24, 31, 1000]);
  });

  it('should tell requests the system refused from those the generator dropped or was late for', () => {
    const flagged: Row[] = [
      { scheduledMs: 0, sentMs: Number.NaN, endMs: 1000, outcome: 'fail', flags: RequestFlag.refused },
      { scheduledMs: 10, sentMs: Number.NaN, endMs: 1010, outcome: 'fail', flags: RequestFlag.poolWait },
      { scheduledMs: 20, sentMs: Number.NaN, endMs: 1500, outcome: 'fail', flags: RequestFlag.issuedLate },
      { scheduledMs: 30, sentMs: 300, endMs: 302, outcome: 'ok', flags: RequestFlag.issuedLate }, // late but served: not dropped
      { scheduledMs: 35, sentMs: 1000, endMs: 1035, outcome: 'fail', flags: RequestFlag.poolWait }, // sent late, then failed: sent, not dropped
      { scheduledMs: 40, sentMs: 40, endMs: 42, outcome: 'ok', flags: RequestFlag.stalled },
    ];
    const stats = requestStats(samples(flagged), { runDurationMs: 2000 });
    expect(stats.counts).toMatchObject({ notSent: 3, refused: 1, dropped: 2, generatorBehind: 5 });
  });

  it('should select requests by k6 expected_response', () => {
    expect(requestStats(samples(rows), { runDurationMs: 2000, filter: { expectedResponse: true } }).counts.total).toBe(2);
    expect(requestStats(samples(rows), { runDurationMs: 2000, filter: { expectedResponse: false } }).counts.total).toBe(3);
  });

  it('should refuse a phase filter without a phase column', () => {
    expect(() => requestStats(samples(rows), { runDurationMs: 2000, filter: { phase: 'during' } })).toThrow(/phases column/);
  });

  it('should report no availability and no rates for no requests', () => {
    const stats = requestStats(samples([]), { runDurationMs: 2000 });
    expect(stats.availability).toBeNull();
    expect(stats.http_req_failed.rate).toBeNull();
    expect(stats.http_reqs).toEqual({ count: 0, rate: 0 });
    expect(stats.http_req_duration.count).toBe(0);
    expect(requestStats(samples(rows), { runDurationMs: 0 }).http_reqs.rate).toBeNull();
  });

  it('should compute each filter once through the provider', () => {
    const statsFor = requestStatsProvider(samples(rows), { runDurationMs: 2000, phases });
    expect(statsFor({ op: 'read' })).toBe(statsFor({ op: 'read' }));
    expect(statsFor({ op: 'read' }).counts.total).toBe(3);
    expect(statsFor({}).counts.total).toBe(5);
  });
});
