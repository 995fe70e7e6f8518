import { describe, expect, it } from 'vitest';
import { kill, pause } from '../../../src/faults/catalogue.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';

describe('resolveScenario', () => {
  it('should apply defaults and turn durations into milliseconds', () => {
    const result = resolveScenario({ name: 'x', load: { rate: 50, duration: '1m' }, timeline: [{ at: '1.5s', fault: pause('app-2', '3s') }] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { plan } = result;
    expect(plan.load).toEqual({
      rate: 50, durationMs: 60_000, readRatio: 0.9, timeoutMs: 1000, maxConnections: 91,
      warmup: { rampMs: 5000, windowMs: 1000, maxHoldMs: 30_000 }, lateToleranceMs: 100,
    });
    expect(plan.stack.app.replicas).toBe(2);
    expect(plan.stack.services.map((s) => s.name)).toEqual(['proxy', 'redis', 'db-1', 'app-1', 'app-2', 'lb']);
    expect(plan.stack.links.map((l) => `${l.name}:${l.listenPort}`)).toEqual([
      'client->lb:20000', 'lb->app-1:20001', 'lb->app-2:20002', 'app-1->redis:20003', 'app-2->redis:20004', 'app-1->db-1:20005', 'app-2->db-1:20006',
    ]);
    expect(plan.timeline[0]).toMatchObject({ id: 'fault-1', kind: 'pause', target: 'app-2', atMs: 1500, durationMs: 3000, label: 'pause app-2 for 3s' });
    expect(plan.deadlineMs).toBe(60_000 + 5000 + 30_000 + 300_000); // load + ramp + longest hold + 5 min
    expect(plan.slo.sustainMs).toBe(2000);
    expect(plan.slo.outageSustainMs).toBe(250);
    expect(plan.slo.degraded).toEqual({ errorRateAbove: 0.01, bucketMs: 1000, longestMaxMs: undefined, totalMaxMs: undefined });
  });

  it('should turn warm-up off with 0 and take a ramp or an object', () => {
    const warmup = (value: unknown) => {
      const result = resolveScenario({ name: 'x', load: { rate: 10, duration: '5s', warmup: value } });
      return result.ok ? result.plan.load.warmup : result.problems.map((p) => `${p.field}: ${p.message}`);
    };
    expect(warmup(0)).toBeUndefined();
    expect(warmup('0s')).toBeUndefined();
    expect(warmup('2s')).toEqual({ rampMs: 2000, windowMs: 1000, maxHoldMs: 30_000 });
    expect(warmup({ ramp: '1s', window: '500ms', maxHold: '10s' })).toEqual({ rampMs: 1000, windowMs: 500, maxHoldMs: 10_000 });
    expect(warmup('-1s')).toEqual(["load.warmup: must not be negative, got '-1s'"]);
    expect(warmup({ rampp: '1s' })).toEqual(['load.warmup.rampp: is not a known field; allowed: ramp, window, maxHold']);
  });

  it('should never rescale a read/write mix that does not add up to 1', () => {
    const mix = (value: unknown) => {
      const result = resolveScenario({ name: 'x', load: { rate: 10, duration: '5s', mix: value } });
      return result.ok ? result.plan.load.readRatio : result.problems.map((p) => `${p.field}: ${p.message}`);
    };
    expect(mix({ read: 0.8, write: 0.2 })).toBe(0.8);
    expect(mix({ read: 0.7 })).toBe(0.7);
    expect(mix({ write: 0.25 })).toBe(0.75);
    expect(mix({ read: 0.1 + 0.2, write: 0.7 })).toBeCloseTo(0.3, 12);
    expect(mix({ read: 0.8, write: 0.1 })).toEqual(['load.mix: read and write must add up to 1, got 0.8 + 0.1 = 0.9']);
    expect(mix({ read: 8, write: 2 })).toEqual(['load.mix.read: must be a number from 0 to 1, got number 8', 'load.mix.write: must be a number from 0 to 1, got number 2']);
    expect(mix({})).toEqual(['load.mix: must give read, write or both, as shares from 0 to 1 that add up to 1, e.g. { read: 0.8, write: 0.2 }']);
  });

  it('should report every problem at once', () => {
    const result = resolveScenario({ name: 'Bad', load: { rate: -1, duration: 'forever' }, slo: { longestOutage: -3 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['name', 'load.rate', 'load.duration', 'slo.longestOutage']);
  });

  it('should order the timeline by time and keep kill options', () => {
    const result = resolveScenario({
      name: 'x',
      load: { rate: 10, duration: '30s' },
      timeline: [{ at: '20s', fault: kill('redis', { signal: 'SIGTERM', restartAfter: '2s' }) }, { at: '5s', fault: kill('app-1') }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.timeline.map((f) => [f.id, f.atMs, f.kind === 'kill' ? f.signal : undefined, f.durationMs])).toEqual([
      ['fault-2', 5000, 'SIGKILL', undefined],
      ['fault-1', 20_000, 'SIGTERM', 2000],
    ]);
  });

  it('should accept availability as a fraction or a percentage', () => {
    for (const availability of ['99.5%', 0.995]) {
      const result = resolveScenario({ name: 'x', load: { rate: 1, duration: '2s' }, slo: { availability } });
      expect(result.ok && result.plan.slo.availabilityMin).toBeCloseTo(0.995, 10);
    }
  });
});
