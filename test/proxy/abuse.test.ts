import type * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import { connectTcp, eventually, harness, portOf } from './helpers/harness.js';
import { collect, patternBytes, readExactly, roundTrip } from './helpers/stream.js';

describe('abuse', () => {
  test('should carry 1,000 concurrent connections and release them all', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":20,"jitter":5}}');
    const clients: net.Socket[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      clients.push(...(await Promise.all(Array.from({ length: 100 }, () => connectTcp(portOf(proxy.listen))))));
    }
    await eventually(() => h.server.stats().connections === 1_000 && up.sockets.size === 1_000, 10_000, '1,000 proxied connections');
    await Promise.all(clients.map((client, i) => roundTrip(client, `message ${i}`)));
    for (const client of clients) client.destroy();
    await eventually(() => h.server.stats().connections === 0, 10_000, 'all connections to close');
    expect(h.server.stats()).toMatchObject({ connections: 0, sockets: 0, timers: 0 });
    await eventually(() => up.sockets.size === 0, 5_000, 'the upstream side to close');
  });

  test('should survive clients that reset abruptly mid-transfer', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => {
      socket.on('data', () => socket.write(patternBytes(256 * 1024)));
    });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"bandwidth","attributes":{"rate":1000}}');
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"upstream","attributes":{"latency":5}}');
    for (let round = 0; round < 5; round += 1) {
      const clients = await Promise.all(Array.from({ length: 40 }, () => connectTcp(portOf(proxy.listen))));
      for (const client of clients) {
        client.on('error', () => {});
        client.write('go');
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const client of clients) client.resetAndDestroy();
    }
    await eventually(() => h.server.stats().connections === 0, 5_000, 'connections to close');
    expect(h.server.stats()).toMatchObject({ connections: 0, sockets: 0, timers: 0 });
    const survivor = await h.connect(portOf(proxy.listen));
    await h.client.reset();
    survivor.write('x');
    expect((await readExactly(survivor, 256 * 1024)).length).toBe(256 * 1024);
  });

  test('should hold half-open clients without leaking, and release them once they go', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => socket.resume(), { allowHalfOpen: true });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const idle = await Promise.all(Array.from({ length: 50 }, () => connectTcp(portOf(proxy.listen), { allowHalfOpen: true })));
    const halfClosed = await Promise.all(Array.from({ length: 50 }, () => connectTcp(portOf(proxy.listen), { allowHalfOpen: true })));
    for (const client of [...idle, ...halfClosed]) client.on('error', () => {});
    for (const client of halfClosed) client.end('bye');
    await eventually(() => h.server.stats().connections === 50, 5_000, 'the half-closed connections to be closed');
    for (const client of idle) client.destroy();
    for (const client of halfClosed) client.destroy();
    await eventually(() => h.server.stats().connections === 0, 5_000, 'all connections to close');
    expect(h.server.stats()).toMatchObject({ sockets: 0, timers: 0 });
  });

  test.each([
    { toxic: 'none', body: undefined, limitKiB: 192 },
    { toxic: 'bandwidth', body: { type: 'bandwidth', attributes: { rate: 100_000 } }, limitKiB: 320 },
    { toxic: 'slicer', body: { type: 'slicer', attributes: { average_size: 1000, size_variation: 100, delay: 0 } }, limitKiB: 320 },
    // In-flight room is earned while the client reads; this one never did, but the kernel took
    // megabytes first. Bounded by the latency toxic's in-flight maximum either way.
    { toxic: 'latency', body: { type: 'latency', attributes: { latency: 50 } }, limitKiB: 4 * 1024 + 192 },
  ])('should hold at most a few chunks for a client that stops reading ($toxic), and lose nothing', async ({ body, limitKiB }) => {
    const h = await harness();
    const download = patternBytes(24 * 1024 * 1024, 9);
    let written = 0;
    const up = await h.upstream((socket) => {
      const pump = (): void => {
        while (written < download.length && !socket.destroyed) {
          const chunk = download.subarray(written, written + 64 * 1024);
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        socket.end();
      };
      pump();
    });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    if (body !== undefined) expect((await h.api('POST', '/proxies/p/toxics', JSON.stringify(body))).status).toBe(200);
    const client = await h.connect(portOf(proxy.listen));
    client.pause();
    // Stalled once the upstream has written nothing for 300 ms.
    for (let last = -1; written !== last; ) {
      last = written;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(written).toBeLessThan(download.length);
    expect(h.server.stats().bufferedBytes).toBeLessThanOrEqual(limitKiB * 1024);
    const received = await collect(client.resume());
    expect(received.data.equals(download)).toBe(true);
  });

  test('should apply backpressure to a client that never reads (bounded memory, no crash)', async () => {
    const h = await harness();
    let written = 0;
    let stop = false;
    const up = await h.upstream((socket) => {
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = (): void => {
        while (!stop && !socket.destroyed) {
          written += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    client.pause();
    const rssBefore = process.memoryUsage().rss;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Kernel buffers on three sockets plus the proxy's 4 MiB high-water mark, nowhere near unbounded.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
    // Toxiproxy can hang here: its toxic changes wait on the link stuck writing to this client.
    const apiStart = performance.now();
    expect((await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":50}}')).status).toBe(200);
    expect((await h.api('PATCH', '/proxies/p/toxics/latency_downstream', '{"attributes":{"latency":10}}')).status).toBe(200);
    expect((await h.api('DELETE', '/proxies/p/toxics/latency_downstream')).status).toBe(204);
    expect((await h.api('POST', '/reset')).status).toBe(204);
    expect(performance.now() - apiStart).toBeLessThan(1_000);
    stop = true;
    client.destroy();
    await eventually(() => h.server.stats().connections === 0, 5_000, 'the connection to close');
    expect(h.server.stats().timers).toBe(0);
  });

  test('should apply backpressure to an upstream that never reads', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => socket.pause());
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 1);
    const deadline = performance.now() + 1_000;
    while (performance.now() < deadline && written < 256 * 1024 * 1024) {
      if (client.write(chunk)) written += chunk.length;
      else await new Promise((resolve) => client.once('drain', resolve).setTimeout(200, () => resolve(undefined)));
    }
    expect(written).toBeLessThan(64 * 1024 * 1024);
    // The proxy reads nothing more from the client, so only the upstream going away ends it.
    await up.close();
    await eventually(() => h.server.stats().connections === 0, 5_000, 'the connection to close');
    expect(h.server.stats().timers).toBe(0);
  });

  test('should answer the API promptly under heavy traffic', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const clients = await Promise.all(Array.from({ length: 8 }, () => h.connect(portOf(proxy.listen))));
    let running = true;
    const payload = patternBytes(1024 * 1024, 5);
    const flows = clients.map(async (client) => {
      while (running) await roundTrip(client, payload);
    });
    const durations: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const start = performance.now();
      expect((await h.api('POST', '/proxies/p/toxics', `{"name":"t${i}","type":"noop"}`)).status).toBe(200);
      expect((await h.api('DELETE', `/proxies/p/toxics/t${i}`)).status).toBe(204);
      durations.push(performance.now() - start);
    }
    running = false;
    await Promise.all(flows);
    expect(Math.max(...durations)).toBeLessThan(1_000);
  });
});
