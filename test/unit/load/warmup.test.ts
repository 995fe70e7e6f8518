import { afterEach, describe, expect, it } from 'vitest';
import { rampArrivalsMs } from '../../../src/load/arrival-schedule.js';
import { ReferenceWorkload } from '../../../src/load/http-workload.js';
import { OpenLoopLoad } from '../../../src/load/open-loop.js';
import { windowsAgree } from '../../../src/load/steadiness.js';
import type { LoadPlan } from '../../../src/scenario/plan.js';
import { FreezableServer } from './_local-server.js';

const now = (): number => performance.now();
const plan = (overrides: Partial<LoadPlan> = {}): LoadPlan => ({
  rate: 200, durationMs: 1000, readRatio: 0.5, timeoutMs: 1000, maxConnections: 400,
  warmup: { rampMs: 1000, windowMs: 250, maxHoldMs: 3000 }, lateToleranceMs: 100, ...overrides,
});

let server: FreezableServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('rampArrivalsMs', () => {
  it('should space requests as k6 ramping-arrival-rate does (the integral of the rate reaches i)', () => {
    // k6 TestRampingArrivalRateCal: 0 → 1/s over 5 s starts iterations at 3.162 s and 4.472 s.
    expect(Array.from(rampArrivalsMs(1, 5000), (t) => Math.round(t))).toEqual([3162, 4472]);
    const ramp = rampArrivalsMs(200, 5000);
    expect(ramp.length).toBe(500); // rate × ramp / 2
    expect(ramp[ramp.length - 1]).toBeCloseTo(5000, 6);
    // The rate rises linearly: the last second holds 9× the requests of the first.
    const inFirst = ramp.filter((t) => t < 1000).length;
    const inLast = ramp.filter((t) => t >= 4000).length;
    expect(inLast / inFirst).toBeGreaterThan(8.5);
    expect(inLast / inFirst).toBeLessThan(10);
  });

  it('should plan nothing for a zero ramp', () => {
    expect(rampArrivalsMs(100, 0).length).toBe(0);
  });
});

describe('windowsAgree', () => {
  const window = (ok: number, p99Ms: number) => ({ fromMs: 0, toMs: 1000, requests: 100, ok, p99Ms });
  it('should call two healthy windows with the same latency steady, and a falling latency not', () => {
    expect(windowsAgree(window(100, 3), window(100, 4))).toBe(true);
    expect(windowsAgree(window(100, 200), window(100, 40))).toBe(false);
    expect(windowsAgree(window(100, 3), window(97, 3))).toBe(false);
  });
});

describe('warm-up before measured load', () => {
  it('should ramp, hold until steady, then start measured load on the same grid with its own requests', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const windows: boolean[] = [];
    const load = new OpenLoopLoad({
      target, plan: plan(), now,
      workload: new ReferenceWorkload('run', 0.5), warmupWorkload: new ReferenceWorkload('runw', 0.5, 2),
      onWarmupWindow: (_, steady) => windows.push(steady),
    });
    load.start();
    const warmup = await load.warmedUp;
    await load.done;
    expect(warmup?.steady).toBe(true);
    expect(windows.at(-1)).toBe(true);
    // 100 ramp requests, then at least two 250 ms windows (50 requests each) of the hold.
    expect(warmup!.requests).toBeGreaterThanOrEqual(200);
    expect(load.store.samples().length).toBe(200);
    // Warm-up requests are timed from measured load's start: all of them were due before it.
    const warm = warmup!.store.samples();
    expect(Math.max(...warm.scheduledMs)).toBeLessThan(0);
    // No gap and no overlap: the last warm-up request is one interval (5 ms) before measured load.
    expect(-Math.max(...warm.scheduledMs)).toBeCloseTo(5, 0);
    // Warm-up writes carry ids of their own, so the ledger of measured load never sees them.
    const ids = server.posted.map((body) => (JSON.parse(body) as { id: string }).id);
    expect(ids.filter((id) => id.startsWith('runw-')).length).toBeGreaterThan(50);
    expect(ids.filter((id) => id.startsWith('run-')).length).toBeGreaterThan(50);
  });

  it('should give up, and never start measured load, when the stack does not settle', async () => {
    server = new FreezableServer();
    server.failEvery = 20; // 5 % of reads fail: never the 99 % ok a steady window needs
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan({ warmup: { rampMs: 500, windowMs: 250, maxHoldMs: 1500 } }), now, workload: new ReferenceWorkload('run', 1) });
    load.start();
    const warmup = await load.warmedUp;
    await load.done;
    expect(warmup?.steady).toBe(false);
    expect(warmup?.detail).toMatch(/not steady within 1500 ms/);
    expect(warmup?.detail).toMatch(/9[0-8]% ok/);
    expect(warmup?.windows.length).toBe(6);
    expect(load.store.samples().length).toBe(0);
  });
});
