import { describe, expect, it } from 'vitest';
import type { OutageSummary } from '../../../src/metrics/outage-windows.js';
import type { FaultRecovery } from '../../../src/metrics/recovery.js';
import { requestStats, requestStatsProvider } from '../../../src/metrics/request-stats.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { SloPlan, ThresholdPlan } from '../../../src/scenario/plan.js';
import { evaluateSlo } from '../../../src/slo/slo-eval.js';

const plan = (overrides: Partial<SloPlan>): SloPlan => ({
  availabilityMin: undefined,
  longestOutageMaxMs: undefined,
  totalOutageMaxMs: undefined,
  recoveryMaxMs: undefined,
  recoveryAfterHealMaxMs: undefined,
  writeOutageMaxMs: undefined,
  lostWritesMax: undefined,
  singleWriter: false,
  convergence: false,
  sustainMs: 2000,
  thresholds: [],
  ...overrides,
});

// 995 ok reads, 5 failed writes: availability 99.5 %.
const rows = Array.from({ length: 1000 }, (_, i) => i < 995
  ? { scheduledMs: i * 10, endMs: i * 10 + 20, outcome: 'ok' as const, op: 'read' as const }
  : { scheduledMs: i * 10, endMs: i * 10 + 1, outcome: 'fail' as const, op: 'write' as const });
const samples = samplesFromRows(rows);
const stats = requestStats(samples, { runDurationMs: 10_000 });
const emptyStats = requestStats(samplesFromRows([]), { runDurationMs: 10_000 });
const outages: OutageSummary = {
  windows: [
    { startMs: 1000, endMs: 1800, durationMs: 800, failed: 3, unknown: 0, ongoing: false },
    { startMs: 5000, endMs: 6200, durationMs: 1200, failed: 2, unknown: 4, ongoing: false },
  ],
  longestMs: 1200,
  totalMs: 2000,
  resolutionMs: 12,
};
const noOutages: OutageSummary = { windows: [], longestMs: 0, totalMs: 0, resolutionMs: null };
const recovery = (faultId: string, sustainedRecoveryMs: number | null): FaultRecovery =>
  ({ faultId, atMs: 1000, firstErrorMs: 0, firstSuccessMs: 300, sustainedRecoveryMs, afterHealMs: undefined, failed: 1, unknown: 0 });

describe('evaluateSlo', () => {
  it('should pass availability at or above the objective and fail it below', () => {
    const [met] = evaluateSlo({ slo: plan({ availabilityMin: 0.995 }), stats, outages, recoveries: [] });
    expect(met).toMatchObject({ id: 'availability', name: 'availability ≥ 99.5%', kind: 'availability', ok: true, limit: 99.5, unit: '%' });
    expect(met?.actual).toBeCloseTo(99.5, 9);
    expect(met?.detail).toBe('995 of 1000 requests ok (5 failed, 0 unknown)');
    const [missed] = evaluateSlo({ slo: plan({ availabilityMin: 0.999 }), stats, outages, recoveries: [] });
    expect(missed).toMatchObject({ name: 'availability ≥ 99.9%', ok: false });
  });

  it('should never pass an empty run', () => {
    const slo = plan({
      availabilityMin: 0.5,
      longestOutageMaxMs: 1000,
      totalOutageMaxMs: 1000,
      recoveryMaxMs: 1000,
      thresholds: [{ key: 'http_req_duration', metric: 'http_req_duration', tags: {}, source: 'p(95)<500', aggregation: 'p(95)', op: '<', value: 500 }],
    });
    const results = evaluateSlo({ slo, stats: emptyStats, outages: noOutages, recoveries: [] });
    expect(results).toHaveLength(5);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(result.actual).toBeNull();
      expect(result.detail).toMatch(/no requests were recorded/);
    }
  });

  it('should judge the longest and the total outage against their limits', () => {
    const [longest, total] = evaluateSlo({ slo: plan({ longestOutageMaxMs: 1000, totalOutageMaxMs: 2000 }), stats, outages, recoveries: [] });
    expect(longest).toMatchObject({ id: 'longest-outage', name: 'longest outage ≤ 1s', ok: false, actual: 1200, limit: 1000, unit: 'ms' });
    expect(longest?.detail).toBe('longest of 2 outage(s) from 5000 ms to 6200 ms; resolution ±12 ms');
    expect(total).toMatchObject({ id: 'total-outage', ok: true, actual: 2000, limit: 2000 });
  });

  it('should say when the longest outage was still ongoing', () => {
    const ongoing: OutageSummary = { ...noOutages, windows: [{ startMs: 0, endMs: 500, durationMs: 500, failed: 1, unknown: 0, ongoing: true }], longestMs: 500, totalMs: 500 };
    const [result] = evaluateSlo({ slo: plan({ longestOutageMaxMs: 1000 }), stats, outages: ongoing, recoveries: [] });
    expect(result?.detail).toContain('still ongoing');
  });

  it('should judge recovery by the slowest fault', () => {
    const recoveries = [recovery('fault-1', 1500), recovery('fault-2', 4000)];
    const faults = [{ id: 'fault-2', label: 'kill app-1 (SIGKILL)' }];
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries, faults });
    expect(result).toMatchObject({ id: 'recovery', ok: true, actual: 4000, limit: 5000 });
    expect(result?.detail).toContain('fault-2 (kill app-1 (SIGKILL)) recovered');
    const [tight] = evaluateSlo({ slo: plan({ recoveryMaxMs: 3000 }), stats, outages, recoveries });
    expect(tight).toMatchObject({ ok: false, actual: 4000 });
  });

  it('should fail recovery when a fault never recovered, naming it', () => {
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [recovery('fault-1', 100), recovery('fault-2', null)] });
    expect(result).toMatchObject({ ok: false, actual: null });
    expect(result?.detail).toContain('fault-2 never recovered');
  });

  it('should pass recovery when there was nothing to recover from', () => {
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages: noOutages, recoveries: [] });
    expect(result).toMatchObject({ ok: true, actual: null });
  });

  it('should evaluate thresholds on the requests their tags select', () => {
    const thresholds: ThresholdPlan[] = [
      { key: 'http_req_failed', metric: 'http_req_failed', tags: {}, source: 'rate<0.01', aggregation: 'rate', op: '<', value: 0.01 },
      { key: 'http_req_failed{op:write}', metric: 'http_req_failed', tags: { op: 'write' }, source: 'rate<0.01', aggregation: 'rate', op: '<', value: 0.01 },
      { key: 'http_req_duration{op:write}', metric: 'http_req_duration', tags: { op: 'write' }, source: 'max<5', aggregation: 'max', op: '<', value: 5 },
    ];
    const statsFor = requestStatsProvider(samples, { runDurationMs: 10_000 });
    const results = evaluateSlo({ slo: plan({ thresholds }), stats, statsFor, outages, recoveries: [] });
    expect(results.map((r) => [r.name, r.ok, r.actual, r.unit])).toEqual([
      ['http_req_failed rate<0.01', true, 0.005, ''],
      ['http_req_failed{op:write} rate<0.01', false, 1, ''],
      ['http_req_duration{op:write} max<5', true, 1, 'ms'],
    ]);
    expect(results[0]?.id).toBe('threshold:http_req_failed:rate<0.01');
  });

  it('should pass a tagged threshold with no matching requests in a run with data', () => {
    const threshold: ThresholdPlan = { key: 'http_req_duration{phase:during}', metric: 'http_req_duration', tags: { phase: 'during' }, source: 'p(95)<1', aggregation: 'p(95)', op: '<', value: 1 };
    const statsFor = requestStatsProvider(samples, { runDurationMs: 10_000, phases: new Uint8Array(samples.length) });
    const [result] = evaluateSlo({ slo: plan({ thresholds: [threshold] }), stats, statsFor, outages, recoveries: [] });
    expect(result).toMatchObject({ ok: true, actual: null });
    expect(result?.detail).toContain('no samples');
  });

  it('should refuse a tagged threshold without a way to get tagged stats', () => {
    const threshold: ThresholdPlan = { key: 'http_reqs{op:read}', metric: 'http_reqs', tags: { op: 'read' }, source: 'count>1', aggregation: 'count', op: '>', value: 1 };
    expect(() => evaluateSlo({ slo: plan({ thresholds: [threshold] }), stats, outages, recoveries: [] })).toThrow(/statsFor/);
  });
});
