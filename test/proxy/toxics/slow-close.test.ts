import { describe, expect, test } from 'vitest';
import { connectTcp, harness, portOf } from '../helpers/harness.js';
import { collect } from '../helpers/stream.js';

describe('slow_close toxic', () => {
  test('should pass data at once but delay the close by the delay', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => socket.end('data then close'));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"slow_close","attributes":{"delay":200}}');
    const start = performance.now();
    const client = await connectTcp(portOf(proxy.listen));
    let dataAt = 0;
    client.once('data', () => (dataAt = performance.now() - start));
    const result = await collect(client);
    const closedAt = performance.now() - start;
    expect(result).toEqual({ data: Buffer.from('data then close'), ending: 'end' });
    expect(dataAt).toBeLessThan(150);
    expect(closedAt).toBeGreaterThanOrEqual(195);
    expect(closedAt).toBeLessThan(400);
  });

  test('should close promptly once the toxic is removed while it delays the close', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => socket.end('x'));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"slow_close","attributes":{"delay":10000}}');
    const client = await connectTcp(portOf(proxy.listen));
    const result = collect(client);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = performance.now();
    await h.api('DELETE', '/proxies/p/toxics/slow_close_downstream');
    expect((await result).ending).toBe('end');
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
