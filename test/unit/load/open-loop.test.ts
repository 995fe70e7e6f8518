import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ReferenceWorkload } from '../../../src/load/http-workload.js';
import { OpenLoopLoad } from '../../../src/load/open-loop.js';
import { outageWindows } from '../../../src/metrics/outage-windows.js';
import { Outcome, RequestFlag } from '../../../src/metrics/request-samples.js';
import type { LoadPlan } from '../../../src/scenario/plan.js';
import { FreezableServer } from './_local-server.js';

const now = (): number => performance.now();

function plan(overrides: Partial<LoadPlan> = {}): LoadPlan {
  return { rate: 200, durationMs: 2000, readRatio: 1, timeoutMs: 1000, maxConnections: 400, warmup: undefined, lateToleranceMs: 100, ...overrides };
}

let server: FreezableServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('open-loop load against a local server', () => {
  it('should send every request on schedule and record it as ok', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan(), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    await load.done;
    const samples = load.store.samples();
    expect(samples.length).toBe(400);
    expect(Array.from(samples.outcome).every((o) => o === Outcome.ok)).toBe(true);
    // Each request left within a few milliseconds of its due time (open loop, no queueing).
    const lateness = Array.from(samples.sentMs, (sent, i) => sent - samples.scheduledMs[i]!).sort((a, b) => a - b);
    expect(lateness[Math.floor(lateness.length * 0.99)]).toBeLessThan(20);
    expect(samples.scheduledMs[1]! - samples.scheduledMs[0]!).toBeCloseTo(5, 6);
  });

  it('should run for the whole planned duration, not stop when the last request is answered', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan({ rate: 10, durationMs: 1000 }), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    await load.done;
    // The last of the 10 requests is due at 900 ms and answered at once; the load lasts to 1000 ms.
    expect(load.store.samples().length).toBe(10);
    expect(load.elapsedMs()).toBeGreaterThanOrEqual(1000);
  });

  it('should measure a 3 s freeze of the only backend as a 3 s outage (± 150 ms)', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    const load = new OpenLoopLoad({ target, plan: plan({ durationMs: 7000 }), workload: new ReferenceWorkload('t', 1), now });
    load.start();
    setTimeout(() => server!.freeze(load.elapsedMs()), 2000);
    setTimeout(() => server!.thaw(load.elapsedMs()), 5000);
    await load.done;
    const truth = server.thawedAtMs - server.frozenAtMs;
    const outages = outageWindows(load.store.samples());
    expect(truth).toBeGreaterThan(2900);
    expect(Math.abs(outages.longestMs - truth)).toBeLessThan(150);
    // Requests due during the freeze timed out (reads: fail); nothing was silently dropped.
    const counts = [0, 0, 0];
    for (const o of load.store.samples().outcome) counts[o] = (counts[o] ?? 0) + 1;
    expect(counts[Outcome.fail]).toBeGreaterThan(300);
    expect(counts[0]! + counts[1]! + counts[2]!).toBe(1400);
  });

  it('should count refused connections as failed reads and unanswered writes as unknown', async () => {
    server = new FreezableServer();
    const target = await server.listen();
    await server.close();
    server = undefined;
    const refused = new OpenLoopLoad({ target, plan: plan({ durationMs: 1000, readRatio: 0.5 }), workload: new ReferenceWorkload('t', 0.5), now });
    refused.start();
    await refused.done;
    const samples = refused.store.samples();
    expect(Array.from(samples.outcome).every((o) => o === Outcome.fail)).toBe(true);
    expect(Array.from(samples.sentMs).every((sent) => Number.isNaN(sent))).toBe(true);
    // Refused by the system, not dropped by the generator (k6's dropped_iterations stays 0).
    expect(Array.from(samples.flags).every((flags) => flags === RequestFlag.refused)).toBe(true);

    server = new FreezableServer();
    const frozenTarget = await server.listen();
    server.freeze(0);
    const hung = new OpenLoopLoad({ target: frozenTarget, plan: plan({ durationMs: 1000, timeoutMs: 200, readRatio: 0 }), workload: new ReferenceWorkload('t', 0), now });
    hung.start();
    await hung.done;
    const writes = hung.store.samples();
    expect(Array.from(writes.outcome).every((o) => o === Outcome.unknown)).toBe(true);
    // A timed-out request ends at its deadline (scheduled + timeout), within the sweep interval.
    const overshoot = Array.from(writes.endMs, (end, i) => end - writes.scheduledMs[i]! - 200);
    expect(Math.max(...overshoot)).toBeLessThan(30);
    expect(Math.min(...overshoot)).toBeGreaterThanOrEqual(0);
  });

  it('should count requests whose connection never opened as not sent, and fail them', async () => {
    // A listener that never accepts: once its backlog is full the kernel drops SYNs, so connects
    // hang — a black hole on loopback.
    const blackhole = spawn('python3', ['-c', [
      'import socket, sys, time',
      's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
      'print(s.getsockname()[1], flush=True)',
      'time.sleep(60)',
    ].join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = Number(await new Promise<string>((resolve) => blackhole.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
      const load = new OpenLoopLoad({ target: { host: '127.0.0.1', port }, plan: plan({ durationMs: 1000, timeoutMs: 300, readRatio: 0 }), workload: new ReferenceWorkload('t', 0), now });
      load.start();
      await load.done;
      const samples = load.store.samples();
      const notSent = Array.from(samples.sentMs).filter((sent) => Number.isNaN(sent)).length;
      expect(notSent).toBeGreaterThan(190);
      // Never sent, so even writes definitely did not happen.
      for (let i = 0; i < samples.length; i++) {
        if (Number.isNaN(samples.sentMs[i]!)) expect(samples.outcome[i]).toBe(Outcome.fail);
      }
    } finally {
      blackhole.kill();
    }
  });
});
