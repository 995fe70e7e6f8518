import { describe, expect, test } from 'vitest';
import { eventually, harness, portOf } from '../helpers/harness.js';
import { bestOf, collect, ended, roundTrip } from '../helpers/stream.js';

describe('timeout toxic', () => {
  test('should drop data and close the connection after the timeout', async () => {
    const h = await harness();
    let serverGot = 0;
    const up = await h.upstream((socket) => socket.on('data', (d: Buffer) => (serverGot += d.length)));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","stream":"upstream","attributes":{"timeout":200}}');
    const { best, all } = await bestOf(2, async () => {
      const start = performance.now();
      const client = await h.connect(portOf(proxy.listen));
      const result = collect(client);
      client.write('dropped');
      expect((await result).ending).toBe('end');
      return performance.now() - start;
    });
    for (const elapsed of all) expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(best).toBeLessThan(230);
    expect(serverGot).toBe(0);
  });

  test('should hold the connection open forever with timeout 0, dropping data, without hanging the API', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","attributes":{"timeout":0}}');
    const client = await h.connect(portOf(proxy.listen));
    let got = 0;
    client.on('data', (d: Buffer) => (got += d.length));
    client.write('nothing comes back');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got).toBe(0);
    expect(client.destroyed).toBe(false);
    expect((await h.api('GET', '/proxies/p/toxics')).status).toBe(200);
  });

  test('should close both the client and the server side when removed', async () => {
    const h = await harness();
    const serverEnds: Promise<string>[] = [];
    const up = await h.upstream((socket) => serverEnds.push(ended(socket)));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","attributes":{"timeout":0}}');
    const client = await h.connect(portOf(proxy.listen));
    await eventually(() => serverEnds.length === 1, 2_000, 'upstream connection');
    const clientEnd = ended(client);
    expect((await h.api('DELETE', '/proxies/p/toxics/timeout_downstream')).status).toBe(204);
    expect(await clientEnd).toBe('end');
    expect(await serverEnds[0]).toBe('end');
    await eventually(() => h.server.stats().connections === 0, 2_000, 'connection to close');
  });

  test('should apply to a connection opened before it and restart its clock', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'before');
    const start = performance.now();
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","attributes":{"timeout":150}}');
    expect(await ended(client)).toBe('end');
    expect(performance.now() - start).toBeGreaterThanOrEqual(145);
  });
});
