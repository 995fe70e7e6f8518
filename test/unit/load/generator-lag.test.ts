import { afterEach, describe, expect, it } from 'vitest';
import { ReferenceWorkload } from '../../../src/load/http-workload.js';
import { OpenLoopLoad } from '../../../src/load/open-loop.js';
import { generatorLag } from '../../../src/metrics/generator-lag.js';
import { outageWindows } from '../../../src/metrics/outage-windows.js';
import { generatorBehindFlags, RequestFlag } from '../../../src/metrics/request-samples.js';
import { requestStats } from '../../../src/metrics/request-stats.js';
import type { LoadPlan } from '../../../src/scenario/plan.js';
import { FreezableServer } from './_local-server.js';

const now = (): number => performance.now();
const plan = (overrides: Partial<LoadPlan> = {}): LoadPlan => ({
  rate: 200, durationMs: 2000, readRatio: 1, timeoutMs: 1000, maxConnections: 400, warmup: undefined, lateToleranceMs: 50, ...overrides,
});

let server: FreezableServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Blocks this process's event loop, as a busy CI host or a long GC would. */
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* spin */ }
}

describe('the load generator checks itself', () => {
  it('should flag the requests of an event-loop stall, and never count the stall as an outage', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan(), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    setTimeout(() => busyWait(400), 800);
    await load.done;
    const samples = load.store.samples();
    const lag = generatorLag(samples);
    expect(load.stalls.length).toBeGreaterThanOrEqual(1);
    expect(load.maxLoopDelayMs).toBeGreaterThan(350);
    // Requests due during the 400 ms stall were issued late, and those in flight were stalled.
    expect(lag.requests).toBeGreaterThanOrEqual(70);
    expect(lag.windows.map((w) => w.reason)).toEqual(expect.arrayContaining(['issued-late', 'event-loop-stall']));
    const late = lag.windows.find((w) => w.reason === 'issued-late')!;
    expect(late.fromMs).toBeGreaterThanOrEqual(750);
    expect(late.toMs).toBeLessThanOrEqual(1300);
    // Left out, the generator's own stall is no outage of the system.
    const behind = (row: number): boolean => ((samples.flags[row] as number) & generatorBehindFlags) !== 0;
    expect(outageWindows(samples, { exclude: behind }).windows).toEqual([]);
  });

  it('should flag requests that waited for a connection of its own pool, and count the unsent ones as dropped, not refused', async () => {
    server = new FreezableServer();
    server.delayMs = 100;
    const target = await server.listen();
    // 100 req/s at 100 ms each needs ~10 connections; the pool has 2.
    const load = new OpenLoopLoad({ target, plan: plan({ rate: 100, durationMs: 1000, timeoutMs: 400, maxConnections: 2 }), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    await load.done;
    const samples = load.store.samples();
    const waited = Array.from(samples.flags).filter((flags) => (flags & RequestFlag.poolWait) !== 0).length;
    expect(waited).toBeGreaterThan(50);
    const stats = requestStats(samples, { runDurationMs: 1000 });
    // Dropped = never sent because of the generator's own pool; none of it is blamed on the system.
    const neverSent = Array.from(samples.flags).filter((flags, i) => (flags & RequestFlag.poolWait) !== 0 && Number.isNaN(samples.sentMs[i]!)).length;
    expect(stats.counts.dropped).toBe(neverSent);
    expect(stats.counts.refused).toBe(0);
    expect(generatorLag(samples).windows.some((w) => w.reason === 'pool-full')).toBe(true);
  });

  it('should flag nothing when it keeps its schedule', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan({ lateToleranceMs: 100 }), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    await load.done;
    expect(generatorLag(load.store.samples()).requests).toBe(0);
  });
});
