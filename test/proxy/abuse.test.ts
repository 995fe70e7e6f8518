import type * as net from 'node:net';
import { spawn } from 'node:child_process';
import { describe, expect, onTestFinished, test } from 'vitest';
import { connectTcp, eventually, harness, portOf } from './helpers/harness.js';
import { collect, patternBytes, readExactly, roundTrip } from './helpers/stream.js';

/** The value below which `p` % of the samples fall. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects `count` clients, 100 at a time (a burst of thousands overflows the backlog). */
async function connectMany(port: number, count: number, options: { allowHalfOpen?: boolean } = {}): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  for (let i = 0; i < count; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => connectTcp(port, options)))));
  }
  for (const socket of sockets) socket.on('error', () => {});
  return sockets;
}

/**
 * Normal clients: each sends a small unique request, waits for the echo, thinks 0–50 ms, and
 * again, while `keepGoing` says so. Returns every answer time (ms).
 */
async function echoRounds(clients: readonly net.Socket[], keepGoing: (round: number) => boolean): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    clients.map(async (client, i) => {
      for (let round = 0; keepGoing(round); round += 1) {
        await sleep(Math.random() * 50);
        const message = Buffer.from(`echo ${i} round ${round} `.padEnd(64, '.'));
        const start = performance.now();
        const reply = readExactly(client, message.length);
        client.write(message);
        expect((await reply).equals(message)).toBe(true);
        samples.push(performance.now() - start);
      }
    }),
  );
  return samples;
}

/**
 * The upstream of the abuse test, in a process of its own so that its work does not count
 * against the proxy's event loop: a first chunk starting with `D` asks for a download, anything
 * else is echoed. Downloads are written round-robin, at most 1 MiB per turn of its event loop,
 * so its echoes stay prompt. Stopped when the test ends.
 */
async function downloadOrEchoUpstream(downloadBytes: number): Promise<{ address: string; written: () => Promise<number> }> {
  const script = `
    const net = require('node:net');
    const chunk = Buffer.alloc(64 * 1024, 0x5a);
    let written = 0, turnBytes = 0, turnPending = false, waiting = [];
    const takeTurn = () => {
      if (!turnPending) {
        turnPending = true;
        setImmediate(() => { turnPending = false; turnBytes = 0; const next = waiting; waiting = []; for (const f of next) f(); });
      }
      if (turnBytes >= 1024 * 1024) return false;
      turnBytes += chunk.length;
      return true;
    };
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('error', () => {});
      socket.once('data', (first) => {
        if (first[0] !== 0x44) { socket.write(first); socket.pipe(socket); return; }
        let left = ${downloadBytes};
        const pump = () => {
          while (left > 0 && !socket.destroyed) {
            if (!takeTurn()) return void waiting.push(pump);
            left -= chunk.length; written += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          if (left <= 0) socket.end();
        };
        pump();
      });
    });
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => process.send({ port: server.address().port }));
    process.on('message', () => process.send({ written }));
    process.on('disconnect', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  onTestFinished(() => void child.kill());
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`upstream process exited with ${String(code)}`)));
  });
  const written = (): Promise<number> =>
    new Promise((resolve) => {
      child.once('message', (m: { written: number }) => resolve(m.written));
      child.send('written?');
    });
  return { address: `127.0.0.1:${port}`, written };
}

describe('abuse', () => {
  test(
    'should hold a few chunks per stalled reader and keep echo clients served while stalled, resetting and half-closing clients share the proxy',
    { timeout: 120_000 },
    async () => {
      // The incident, through ONE proxy and all at once: clients that never read an 8 MB
      // download, clients that reset mid-download, clients that half-close, and normal echo
      // clients. Scaled down from 300 stalled readers: the kernel keeps ~5 MB of each stalled
      // download in socket buffers, and 300 of them (1.6 GB) cross Linux's default tcp_mem
      // pressure mark here, after which the kernel drops packets on every connection.
      const STALLED = 100;
      const RESETTERS = 300;
      const HALF_CLOSERS = 100;
      const ECHOERS = 300;
      const h = await harness({ halfClose: true });
      const up = await downloadOrEchoUpstream(8 * 1024 * 1024);
      const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
      const port = portOf(proxy.listen);

      const echoers = await connectMany(port, ECHOERS);
      await echoRounds(echoers, (round) => round < 2); // warm-up (JIT)
      const alone = await echoRounds(echoers, (round) => round < 10);

      const memoryBefore = process.memoryUsage();
      const heldBefore = h.server.stats().bufferedBytes;
      const stalledReady = connectMany(port, STALLED).then((sockets) => {
        for (const socket of sockets) {
          socket.pause();
          socket.write('D');
        }
        return sockets;
      });
      const resets = Array.from({ length: RESETTERS }, async () => {
        const socket = await connectTcp(port);
        socket.on('error', () => {});
        // Reset as soon as the download is flowing.
        await new Promise<void>((resolve) => {
          socket.once('data', () => resolve());
          socket.once('close', () => resolve());
          socket.write('D');
        });
        socket.resetAndDestroy();
      });
      const halfCloses = Array.from({ length: HALF_CLOSERS }, async (_, i) => {
        const socket = await connectTcp(port, { allowHalfOpen: true });
        // Starts with `E`: an echo, not a download. The whole echo comes back after the FIN.
        const message = Buffer.concat([Buffer.from('E'), patternBytes(16 * 1024, i + 1)]);
        const result = collect(socket);
        socket.end(message);
        const { data, ending } = await result;
        expect(ending).toBe('end');
        expect(data.equals(message)).toBe(true);
      });
      const churn = Promise.all([...resets, ...halfCloses]);
      let abusing = true;
      const abuse = (async () => {
        const stalled = await stalledReady;
        await churn;
        // Settled: every stalled download is blocked on backpressure (nothing written for 300 ms).
        for (let last = -1, now = await up.written(); now !== last; now = await up.written()) {
          last = now;
          await sleep(300);
        }
        abusing = false;
        return stalled;
      })();
      const underAbuse = await echoRounds(echoers, (round) => round < 10 || abusing);
      const stalled = await abuse;
      const held = h.server.stats().bufferedBytes - heldBefore;
      const memoryAfter = process.memoryUsage();

      expect(h.server.stats().connections).toBe(ECHOERS + STALLED);
      const ms = (n: number): string => `${n.toFixed(1)} ms`;
      const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      console.log(
        [
          `echo alone: p50 ${ms(percentile(alone, 50))}, p99 ${ms(percentile(alone, 99))} (${alone.length} answers)`,
          `echo under abuse: p50 ${ms(percentile(underAbuse, 50))}, p99 ${ms(percentile(underAbuse, 99))}, max ${ms(percentile(underAbuse, 100))} (${underAbuse.length} answers)`,
          `held by the proxy (stats().bufferedBytes): ${mib(held)} for ${STALLED} stalled readers (${(held / STALLED / 1024).toFixed(0)} KiB each)`,
          `process: rss ${mib(memoryAfter.rss - memoryBefore.rss)}, arrayBuffers ${mib(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers)} more`,
        ].join('\n'),
      );

      // A stalled reader costs a few chunks (Toxiproxy: a few 32 KB chunks), not megabytes
      // (this was 4 MiB each). The process as a whole agrees, loosely (GC timing, client buffers).
      expect(held).toBeLessThanOrEqual(STALLED * 256 * 1024);
      expect(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers).toBeLessThan(STALLED * 1024 * 1024);
      // The echo clients may be slowed by the heavy ones, never starved. Generous: the machine
      // has two cores, possibly shared, and this process also runs every client.
      expect(percentile(underAbuse, 50)).toBeLessThanOrEqual(4 * percentile(alone, 50) + 100);
      expect(percentile(underAbuse, 99)).toBeLessThanOrEqual(4 * percentile(alone, 99) + 250);

      for (const socket of [...stalled, ...echoers]) socket.destroy();
      await eventually(() => h.server.stats().connections === 0, 10_000, 'all connections to close');
      expect(h.server.stats()).toMatchObject({ sockets: 0, timers: 0, bufferedBytes: 0 });
    },
  );

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
