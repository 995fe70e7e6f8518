import { describe, expect, test } from 'vitest';
import { connectTcp, eventually, harness, portOf } from '../helpers/harness.js';
import { bestOf, collect, ended, roundTrip } from '../helpers/stream.js';

describe('reset_peer toxic', () => {
  test('should reset the connection (ECONNRESET) on the first data with timeout 0', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"reset_peer","stream":"upstream","attributes":{"timeout":0}}');
    const { best } = await bestOf(3, async () => {
      const client = await connectTcp(portOf(proxy.listen));
      const result = collect(client);
      const start = performance.now();
      client.write('trigger');
      const outcome = await result;
      expect(outcome.ending).toBe('error:ECONNRESET');
      expect(outcome.data.length).toBe(0);
      return performance.now() - start;
    });
    expect(best).toBeLessThan(20);
  });

  test('should reset after the timeout (within timeout … timeout + 10 ms)', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"reset_peer","stream":"upstream","attributes":{"timeout":100}}');
    const { best, all } = await bestOf(3, async () => {
      const client = await connectTcp(portOf(proxy.listen));
      const result = collect(client);
      const start = performance.now();
      client.write('trigger');
      expect((await result).ending).toBe('error:ECONNRESET');
      return performance.now() - start;
    });
    for (const elapsed of all) expect(elapsed).toBeGreaterThanOrEqual(99);
    expect(best).toBeLessThanOrEqual(110);
  });

  test('should reset on the downstream when the server speaks first, resetting the server too', async () => {
    const h = await harness();
    const serverEnds: Promise<string>[] = [];
    const up = await h.upstream((socket) => {
      serverEnds.push(ended(socket));
      socket.write('hello from server');
    });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"reset_peer","attributes":{"timeout":50}}');
    const start = performance.now();
    const client = await connectTcp(portOf(proxy.listen));
    const outcome = await collect(client);
    expect(outcome.ending).toBe('error:ECONNRESET');
    expect(outcome.data.length).toBe(0);
    expect(performance.now() - start).toBeGreaterThanOrEqual(49);
    await eventually(() => serverEnds.length === 1, 1_000, 'server socket');
    expect(await serverEnds[0]).toBe('error:ECONNRESET');
  });

  test('should close with a plain FIN a connection opened before the toxic existed', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'before');
    await h.api('POST', '/proxies/p/toxics', '{"type":"reset_peer","stream":"upstream","attributes":{"timeout":0}}');
    const result = collect(client);
    client.write('trigger');
    expect((await result).ending).toBe('end');
  });

  test('should leave nothing behind after resets', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"reset_peer","stream":"upstream","attributes":{"timeout":10}}');
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await connectTcp(portOf(proxy.listen));
        const result = collect(client);
        client.write('x');
        return result;
      }),
    );
    await eventually(() => h.server.stats().connections === 0 && h.server.stats().timers === 0, 2_000, 'a clean server');
  });
});
