import type * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import type { ICreateToxicBody } from 'toxiproxy-node-client';
import { eventually, harness, portOf, type Harness } from '../helpers/harness.js';
import { median, patternBytes, readExactly, roundTrip } from '../helpers/stream.js';

async function echoProxy(h: Harness): Promise<{ client: net.Socket; baselineMs: number }> {
  const up = await h.echo();
  const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
  const client = await h.connect(portOf(proxy.listen));
  await roundTrip(client, 'warm-up');
  return { client, baselineMs: await bestRtt(client, 5) };
}

/**
 * The best of a few round trips: load on the machine can only add to a round trip, so the
 * minimum is the faithful figure (a median still drifts when both cores are saturated).
 */
async function bestRtt(client: net.Socket, samples: number): Promise<number> {
  const rtts: number[] = [];
  for (let i = 0; i < samples; i += 1) rtts.push(await roundTrip(client, `ping-${i}`));
  return Math.min(...rtts);
}

async function addLatency(h: Harness, stream: 'upstream' | 'downstream', latency: number, jitter = 0, name?: string): Promise<void> {
  const proxy = await h.client.get('p');
  await proxy.addToxic({ name: name ?? `latency_${stream}`, type: 'latency', stream, toxicity: 1, attributes: { latency, jitter } } as ICreateToxicBody<unknown>);
}

describe('latency toxic', () => {
  test('should delay the downstream by the latency ± 5 ms', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    await addLatency(h, 'downstream', 100);
    expect(Math.abs((await bestRtt(client, 5)) - baselineMs - 100)).toBeLessThanOrEqual(5);
  });

  test('should delay the upstream by the latency ± 5 ms, measured at the server', async () => {
    const h = await harness();
    let arrivedAt = 0;
    const up = await h.upstream((socket) => socket.on('data', () => (arrivedAt = performance.now())));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await addLatency(h, 'upstream', 80);
    const client = await h.connect(portOf(proxy.listen));
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      arrivedAt = 0;
      const sentAt = performance.now();
      client.write('x');
      while (arrivedAt === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      delays.push(arrivedAt - sentAt);
    }
    expect(Math.abs(median(delays) - 80)).toBeLessThanOrEqual(5);
  });

  test('should add up latencies on both streams (even, biased up, biased down)', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    for (const [up, down] of [
      [50, 50],
      [80, 20],
      [20, 80],
    ] as const) {
      await h.client.reset();
      await addLatency(h, 'upstream', up);
      await addLatency(h, 'downstream', down);
      expect(Math.abs((await bestRtt(client, 3)) - baselineMs - up - down), `${up}/${down}`).toBeLessThanOrEqual(5);
    }
  });

  test('should pass data straight through with zero latency', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    await addLatency(h, 'downstream', 0);
    expect((await bestRtt(client, 5)) - baselineMs).toBeLessThanOrEqual(5);
  });

  test('should add two latency toxics on the same stream', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    await addLatency(h, 'downstream', 60, 0, 'first');
    await addLatency(h, 'downstream', 40, 0, 'second');
    expect(Math.abs((await bestRtt(client, 3)) - baselineMs - 100)).toBeLessThanOrEqual(5);
  });

  test('should keep every delay within latency ± (jitter + 10) ms', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    await addLatency(h, 'downstream', 60, 20);
    const added: number[] = [];
    for (let i = 0; i < 10; i += 1) added.push((await roundTrip(client, `j${i}`)) - baselineMs);
    // Load can only make a sample late, never early: the lower bound holds for every sample;
    // the upper one for all but a late straggler on a saturated machine.
    for (const ms of added) expect(ms).toBeGreaterThanOrEqual(60 - 20 - 10);
    expect(added.filter((ms) => ms <= 60 + 20 + 10).length).toBeGreaterThanOrEqual(9);
    expect(new Set(added.map((ms) => Math.round(ms))).size).toBeGreaterThan(1);
  });

  test('should measure the delay from each chunk arrival so throughput is not serialized', async () => {
    const h = await harness();
    // Arrival time per chunk marker: two chunks may share one read when the machine is busy.
    const arrivals: number[] = [];
    const up = await h.upstream((socket) =>
      socket.on('data', (d: Buffer) => {
        const now = performance.now();
        for (const char of d.toString()) if (char === ';') arrivals.push(now);
      }),
    );
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await addLatency(h, 'upstream', 100);
    const client = await h.connect(portOf(proxy.listen));
    const sends: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      sends.push(performance.now());
      client.write(`chunk-${i};`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually(() => arrivals.length >= 10, 5_000, 'ten chunks upstream');
    // Every chunk arrives ~100 ms after it was sent; serialized, the last would wait ~1 s.
    const delays = sends.map((sentAt, i) => (arrivals[i] ?? 0) - sentAt);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(95);
    expect(Math.max(...delays)).toBeLessThan(300);
    expect(Math.abs(median(delays) - 100)).toBeLessThanOrEqual(5);
  });

  test('should keep bulk throughput under latency (4 MB through 100 ms takes far less than per-chunk delays)', async () => {
    const h = await harness();
    const { client } = await echoProxy(h);
    await addLatency(h, 'downstream', 100);
    const payload = patternBytes(4 * 1024 * 1024, 3);
    const start = performance.now();
    const echoed = readExactly(client, payload.length);
    client.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
    // At least 64 chunks of 64 KiB: serialized delays would take over 6 s.
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  test('should deliver held data at once and in order when the toxic is removed', async () => {
    const h = await harness();
    const { client } = await echoProxy(h);
    await addLatency(h, 'downstream', 5_000);
    const reply = readExactly(client, 10);
    client.write('0123456789');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    await (await (await h.client.get('p')).getToxic('latency_downstream')).remove();
    expect((await reply).toString()).toBe('0123456789');
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(h.server.stats().timers).toBe(0);
  });

  test('should apply an updated latency to later data', async () => {
    const h = await harness();
    const { client, baselineMs } = await echoProxy(h);
    await addLatency(h, 'downstream', 150);
    expect(Math.abs((await bestRtt(client, 3)) - baselineMs - 150)).toBeLessThanOrEqual(5);
    const proxy = await h.client.get('p');
    await (await proxy.getToxic('latency_downstream')).update({ attributes: { latency: 30 } } as never);
    expect(Math.abs((await bestRtt(client, 3)) - baselineMs - 30)).toBeLessThanOrEqual(5);
  });

  test('should not crash or leak when a connection closes with data held', async () => {
    const h = await harness();
    const { client } = await echoProxy(h);
    await addLatency(h, 'downstream', 200);
    client.write('bye');
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.server.stats()).toMatchObject({ connections: 0, timers: 0 });
  });
});
