import type * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import { harness, portOf, type Harness } from '../helpers/harness.js';
import { patternBytes, readExactly, roundTrip } from '../helpers/stream.js';

async function limitedEcho(h: Harness, rate: number) {
  const up = await h.echo();
  const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
  await h.api('POST', '/proxies/p/toxics', JSON.stringify({ type: 'bandwidth', attributes: { rate } }));
  const client = await h.connect(portOf(proxy.listen));
  return client;
}

async function timeTransfer(client: net.Socket, payload: Buffer): Promise<number> {
  const start = performance.now();
  const echoed = readExactly(client, payload.length);
  client.write(payload);
  const received = await echoed;
  expect(received.equals(payload)).toBe(true);
  return performance.now() - start;
}

describe('bandwidth toxic', () => {
  test('should limit throughput to rate KB/s (1 KB = 1000 bytes) within 10 %', async () => {
    const h = await harness();
    const client = await limitedEcho(h, 200);
    // 100 000 bytes at 200 000 bytes/s = 500 ms.
    const ms = await timeTransfer(client, patternBytes(100_000, 5));
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThanOrEqual(550);
  });

  test('should send large chunks in 100 ms slices at a low rate, data intact', async () => {
    const h = await harness();
    const client = await limitedEcho(h, 20);
    // 20 KB/s → 2 000-byte slices every 100 ms; 10 000 bytes take 500 ms.
    const chunks: number[] = [];
    client.on('data', () => chunks.push(performance.now()));
    const ms = await timeTransfer(client, patternBytes(10_000, 9));
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThanOrEqual(550);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
  });

  test('should not limit with rate 0', async () => {
    const h = await harness();
    const client = await limitedEcho(h, 0);
    expect(await timeTransfer(client, patternBytes(1_000_000, 2))).toBeLessThan(2_000);
  });

  test('should only limit its own stream', async () => {
    const h = await harness();
    let received = 0;
    const up = await h.upstream((socket) => socket.on('data', (d: Buffer) => (received += d.length)));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', JSON.stringify({ type: 'bandwidth', stream: 'downstream', attributes: { rate: 1 } }));
    const client = await h.connect(portOf(proxy.listen));
    const start = performance.now();
    client.write(patternBytes(500_000, 4));
    while (received < 500_000) await new Promise((resolve) => setTimeout(resolve, 5));
    // Limited, 500 kB at 1 KB/s would take over 8 minutes.
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  test('should flush what it holds when removed', async () => {
    const h = await harness();
    const client = await limitedEcho(h, 1);
    const payload = patternBytes(5_000, 6);
    const echoed = readExactly(client, payload.length);
    client.write(payload);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await h.api('DELETE', '/proxies/p/toxics/bandwidth_downstream');
    expect((await echoed).equals(payload)).toBe(true);
    expect(await roundTrip(client, 'fast again')).toBeLessThan(500);
  });
});
