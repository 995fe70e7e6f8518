import { describe, expect, it } from 'vitest';
import type { OutageSummary } from '../../../src/metrics/outage-windows.js';
import type { FaultRecovery } from '../../../src/metrics/recovery.js';
import { requestStats, requestStatsProvider } from '../../../src/metrics/request-stats.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { ThresholdPlan } from '../../../src/scenario/plan.js';
import { evaluateSlo } from '../../../src/slo/slo-eval.js';
import { sloPlan as plan } from '../_plans.js';

const abort = { abortOnFail: false, delayAbortEvalMs: 0 } as const;

// 995 ok reads, 5 failed writes: availability 99.5 %.
const rows = Array.from({ length: 1000 }, (_, i) => i < 995
  ? { scheduledMs: i * 10, endMs: i * 10 + 20, outcome: 'ok' as const, op: 'read' as const }
  : { scheduledMs: i * 10, endMs: i * 10 + 1, outcome: 'fail' as const, op: 'write' as const });
const samples = samplesFromRows(rows);
const stats = requestStats(samples, { runDurationMs: 10_000 });
const emptyStats = requestStats(samplesFromRows([]), { runDurationMs: 10_000 });
const outages: OutageSummary = {
  windows: [
    { startMs: 1000, endMs: 1800, durationMs: 800, failed: 3, unknown: 0, ok: 0, ongoing: false },
    { startMs: 5000, endMs: 6200, durationMs: 1200, failed: 2, unknown: 4, ok: 1, ongoing: false },
  ],
  longestMs: 1200,
  totalMs: 2000,
  resolutionMs: 12,
  sustainMs: 250,
};
const noOutages: OutageSummary = { windows: [], longestMs: 0, totalMs: 0, resolutionMs: null, sustainMs: 250 };
const recovery = (faultId: string, recoveryMs: number | null, overrides: Partial<FaultRecovery> = {}): FaultRecovery => ({
  faultId, atMs: 1000, status: recoveryMs === null ? 'not-recovered' : 'recovered', firstErrorMs: 0, firstSuccessMs: 300,
  sustainedRecoveryMs: recoveryMs, relapses: [], finalRecoveryMs: recoveryMs, stillFailingAtMs: recoveryMs === null ? 9000 : null,
  afterHealMs: undefined, healedAtMs: undefined, failed: 1, unknown: 0, ...overrides,
});

describe('evaluateSlo', () => {
  it('should pass availability at or above the objective and fail it below', () => {
    const [met] = evaluateSlo({ slo: plan({ availabilityMin: 0.995 }), stats, outages, recoveries: [] });
    expect(met).toMatchObject({ id: 'availability', name: 'availability ≥ 99.5%', kind: 'availability', status: 'pass', limit: 99.5, unit: '%' });
    expect(met?.actual).toBeCloseTo(99.5, 9);
    expect(met?.detail).toBe('995 of 1000 requests ok (5 failed, 0 unknown)');
    const [missed] = evaluateSlo({ slo: plan({ availabilityMin: 0.999 }), stats, outages, recoveries: [] });
    expect(missed).toMatchObject({ name: 'availability ≥ 99.9%', status: 'fail' });
  });

  it('should never pass an empty run: nothing to judge, except thresholds, which follow k6', () => {
    const slo = plan({
      availabilityMin: 0.5,
      longestOutageMaxMs: 1000,
      totalOutageMaxMs: 1000,
      thresholds: [
        { key: 'http_req_duration', metric: 'http_req_duration', tags: {}, source: 'p(95)<500', aggregation: 'p(95)', op: '<', value: 500, ...abort },
        { key: 'http_reqs', metric: 'http_reqs', tags: {}, source: 'count>=1', aggregation: 'count', op: '>=', value: 1, ...abort },
      ],
    });
    const results = evaluateSlo({ slo, stats: emptyStats, outages: noOutages, recoveries: [], durationMs: 10_000 });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['availability', 'no-data'], ['longest-outage', 'no-data'], ['total-outage', 'no-data'],
      ['threshold:http_req_duration:p(95)<500', 'pass'], ['threshold:http_reqs:count>=1', 'fail'],
    ]);
    for (const result of results.slice(0, 3)) expect(result.detail).toMatch(/no requests were recorded/);
    for (const result of results.slice(3)) expect(result.detail).toMatch(/^no data/);
  });

  it('should judge the longest and the total outage against their limits', () => {
    const [longest, total] = evaluateSlo({ slo: plan({ longestOutageMaxMs: 1000, totalOutageMaxMs: 2000 }), stats, outages, recoveries: [] });
    expect(longest).toMatchObject({ id: 'longest-outage', name: 'longest outage ≤ 1s', status: 'fail', actual: 1200, limit: 1000, unit: 'ms' });
    expect(longest?.detail).toBe('longest of 2 outage(s) from 5000 ms to 6200 ms; resolution ±12 ms');
    expect(total).toMatchObject({ id: 'total-outage', status: 'pass', actual: 2000, limit: 2000 });
  });

  it('should not pass an outage still ongoing when the data ended: at least that long, maybe longer', () => {
    const ongoing: OutageSummary = { ...noOutages, windows: [{ startMs: 0, endMs: 500, durationMs: 500, failed: 1, unknown: 0, ok: 0, ongoing: true }], longestMs: 500, totalMs: 500 };
    const [within, total] = evaluateSlo({ slo: plan({ longestOutageMaxMs: 1000, totalOutageMaxMs: 1000 }), stats, outages: ongoing, recoveries: [] });
    expect(within).toMatchObject({ status: 'no-data', actual: 500 });
    expect(within?.detail).toContain('still ongoing when the data ended (so at least that long)');
    expect(total).toMatchObject({ status: 'no-data' });
    const [over] = evaluateSlo({ slo: plan({ longestOutageMaxMs: 400 }), stats, outages: ongoing, recoveries: [] });
    expect(over).toMatchObject({ status: 'fail' });
  });

  it('should judge recovery by the slowest fault', () => {
    const recoveries = [recovery('fault-1', 1500), recovery('fault-2', 4000)];
    const faults = [{ id: 'fault-2', label: 'kill app-1 (SIGKILL)' }];
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries, faults });
    expect(result).toMatchObject({ id: 'recovery', status: 'pass', actual: 4000, limit: 5000 });
    expect(result?.detail).toContain('fault-2 (kill app-1 (SIGKILL)) recovered 4000 ms after the fault');
    const [tight] = evaluateSlo({ slo: plan({ recoveryMaxMs: 3000 }), stats, outages, recoveries });
    expect(tight).toMatchObject({ status: 'fail', actual: 4000 });
  });

  it('should judge recovery after a relapse by the final recovery, and say so', () => {
    const relapsed = recovery('fault-1', 6000, { sustainedRecoveryMs: 500, relapses: [{ startMs: 4000, recoveredAtMs: 7000, failed: 20, unknown: 0 }] });
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [relapsed] });
    expect(result).toMatchObject({ status: 'fail', actual: 6000 });
    expect(result?.detail).toContain('after 1 relapse(s) (first at 4000 ms)');
  });

  it('should fail recovery when a fault was still failing past the limit, naming it', () => {
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [recovery('fault-1', 100), recovery('fault-2', null)] });
    expect(result).toMatchObject({ status: 'fail', actual: 100 });
    expect(result?.detail).toContain('fault-2 still failing 9000 ms after');
  });

  it('should have nothing to judge when the data ended too soon after a fault to see it recover', () => {
    const shortly = recovery('fault-1', null, { stillFailingAtMs: 800 });
    const [failingBriefly] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [shortly] });
    expect(failingBriefly).toMatchObject({ status: 'no-data', actual: null });
    expect(failingBriefly?.detail).toContain('too soon to tell');
    const noEvidence = recovery('fault-1', null, { status: 'too-short', stillFailingAtMs: null, failed: 0 });
    const [tooShort] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [noEvidence] });
    expect(tooShort).toMatchObject({ status: 'no-data' });
    expect(tooShort?.detail).toContain('shorter than one sustain window');
  });

  it('should say in the recovery detail that a planned fault was never injected, and judge nothing for it', () => {
    const planned = [{ id: 'fault-1', label: 'kill app-1 (SIGKILL)', durationMs: undefined }, { id: 'fault-2', label: 'kill app-2 (SIGKILL)', durationMs: undefined }];
    const [result] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages, recoveries: [recovery('fault-1', 100)], planned });
    expect(result).toMatchObject({ status: 'no-data' });
    expect(result?.detail).toContain('fault-2 (kill app-2 (SIGKILL)) was never injected, so there is no recovery from it to judge');
  });

  it('should have nothing to judge for recovery when no fault was injected, or nothing was healed', () => {
    const [recoveryResult] = evaluateSlo({ slo: plan({ recoveryMaxMs: 5000 }), stats, outages: noOutages, recoveries: [] });
    expect(recoveryResult).toMatchObject({ status: 'no-data', actual: null });
    const [healResult] = evaluateSlo({ slo: plan({ recoveryAfterHealMaxMs: 5000 }), stats, outages: noOutages, recoveries: [recovery('fault-1', 100)] });
    expect(healResult).toMatchObject({ status: 'no-data', actual: null });
    expect(healResult?.detail).toContain('nothing was healed');
  });

  it('should have nothing to judge after the heal of a fault that was not healed before load ended', () => {
    const healed = recovery('fault-1', 300, { healedAtMs: 1200, afterHealMs: 100 });
    const planned = [{ id: 'fault-1', label: 'pause app-1 for 5s', durationMs: 5000 }, { id: 'fault-2', label: 'pause app-2 for 10s', durationMs: 10_000 }];
    const [result] = evaluateSlo({ slo: plan({ recoveryAfterHealMaxMs: 1000 }), stats, outages, recoveries: [healed, recovery('fault-2', null)], planned });
    expect(result).toMatchObject({ status: 'no-data' });
    expect(result?.detail).toContain('fault-2 (pause app-2 for 10s) was not healed before load ended');
  });

  it('should measure recovery after heal from the heal', () => {
    const healed = recovery('fault-1', 3500, { healedAtMs: 4000, afterHealMs: 500 });
    const [result] = evaluateSlo({ slo: plan({ recoveryAfterHealMaxMs: 400 }), stats, outages, recoveries: [healed] });
    expect(result).toMatchObject({ status: 'fail', actual: 500 });
  });

  it('should gate on degraded time', () => {
    const degraded = { windows: [{ startMs: 2000, endMs: 5000, durationMs: 3000, requests: 300, notOk: 30, worstErrorRate: 0.2 }], longestMs: 3000, totalMs: 3000, errorRateAbove: 0.01, bucketMs: 1000 };
    const slo = plan({ degraded: { errorRateAbove: 0.01, bucketMs: 1000, longestMaxMs: 2000, totalMaxMs: 5000 } });
    const results = evaluateSlo({ slo, stats, outages, degraded, recoveries: [] });
    expect(results.map((r) => [r.id, r.status, r.actual])).toEqual([['longest-degraded', 'fail', 3000], ['total-degraded', 'pass', 3000]]);
    expect(results[0]?.name).toBe('longest degraded (error rate above 1% per 1s) ≤ 2s');
  });

  it('should evaluate thresholds on the requests their tags select', () => {
    const thresholds: ThresholdPlan[] = [
      { key: 'http_req_failed', metric: 'http_req_failed', tags: {}, source: 'rate<0.01', aggregation: 'rate', op: '<', value: 0.01, ...abort },
      { key: 'http_req_failed{op:write}', metric: 'http_req_failed', tags: { op: 'write' }, source: 'rate<0.01', aggregation: 'rate', op: '<', value: 0.01, ...abort },
      { key: 'http_req_duration{op:write}', metric: 'http_req_duration', tags: { op: 'write' }, source: 'max<5', aggregation: 'max', op: '<', value: 5, ...abort },
    ];
    const statsFor = requestStatsProvider(samples, { runDurationMs: 10_000 });
    const results = evaluateSlo({ slo: plan({ thresholds }), stats, statsFor, outages, recoveries: [] });
    expect(results.map((r) => [r.name, r.status, r.actual, r.unit])).toEqual([
      ['http_req_failed rate<0.01', 'pass', 0.005, ''],
      ['http_req_failed{op:write} rate<0.01', 'fail', 1, ''],
      ['http_req_duration{op:write} max<5', 'pass', 1, 'ms'],
    ]);
    expect(results[0]?.id).toBe('threshold:http_req_failed:rate<0.01');
  });

  it('should score a tagged threshold with no matching requests as k6 does, saying "no data"', () => {
    const during = (source: string, aggregation: string, op: '<' | '>=', value: number, metric: 'http_req_duration' | 'http_reqs'): ThresholdPlan =>
      ({ key: `${metric}{phase:during}`, metric, tags: { phase: 'during' }, source, aggregation, op, value, ...abort });
    const thresholds = [during('p(95)<1', 'p(95)', '<', 1, 'http_req_duration'), during('count>=500', 'count', '>=', 500, 'http_reqs')];
    const statsFor = requestStatsProvider(samples, { runDurationMs: 10_000, phases: new Uint8Array(samples.length) });
    const [latency, count] = evaluateSlo({ slo: plan({ thresholds }), stats, statsFor, outages, recoveries: [], durationMs: 10_000 });
    expect(latency).toMatchObject({ status: 'pass', actual: 0 });
    expect(count).toMatchObject({ status: 'fail', actual: 0 });
    expect(count?.detail).toBe('no data: http_reqs{phase:during} had no samples; scored as count = 0, as k6 does');
  });

  it('should refuse a tagged threshold without a way to get tagged stats', () => {
    const threshold: ThresholdPlan = { key: 'http_reqs{op:read}', metric: 'http_reqs', tags: { op: 'read' }, source: 'count>1', aggregation: 'count', op: '>', value: 1, ...abort };
    expect(() => evaluateSlo({ slo: plan({ thresholds: [threshold] }), stats, outages, recoveries: [] })).toThrow(/statsFor/);
  });
});
