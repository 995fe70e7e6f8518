import { describe, expect, test } from 'vitest';
import { connectTcp, eventually, harness, portOf } from './helpers/harness.js';
import { seededRandom } from '../../src/load/prng.js';
import { collect, ended, patternBytes, readExactly, roundTrip } from './helpers/stream.js';

describe('toxics on live connections', () => {
  test('should lose and reorder no data while toxics are added, updated and removed mid-stream', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    // A steady pace (8 MB/s) keeps the transfer going while the toxics churn.
    await h.api('POST', '/proxies/p/toxics', '{"name":"pace","type":"bandwidth","stream":"upstream","attributes":{"rate":8000}}');
    const client = await h.connect(portOf(proxy.listen));
    const payload = patternBytes(4 * 1024 * 1024, 21);
    const echoed = readExactly(client, payload.length);
    let written = 0;
    const writeSome = (): void => {
      while (written < payload.length) {
        const chunk = payload.subarray(written, written + 16 * 1024);
        written += chunk.length;
        if (!client.write(chunk)) {
          client.once('drain', writeSome);
          return;
        }
      }
    };
    writeSome();
    const bodies = [
      { name: 'lat', type: 'latency', stream: 'downstream', attributes: { latency: 5, jitter: 3 } },
      { name: 'lat_up', type: 'latency', stream: 'upstream', attributes: { latency: 2 } },
      { name: 'slice', type: 'slicer', stream: 'downstream', attributes: { average_size: 1500, size_variation: 500, delay: 0 } },
      { name: 'bw', type: 'bandwidth', stream: 'upstream', attributes: { rate: 100000 } },
      { name: 'noop', type: 'noop', stream: 'downstream' },
      { name: 'slow', type: 'slow_close', stream: 'downstream', attributes: { delay: 10 } },
    ];
    let done = false;
    void echoed.finally(() => (done = true));
    let rounds = 0;
    while (!done) {
      for (const body of bodies) expect((await h.api('POST', '/proxies/p/toxics', JSON.stringify(body))).status).toBe(200);
      await h.api('PATCH', '/proxies/p/toxics/lat', '{"attributes":{"latency":1}}');
      await h.api('PATCH', '/proxies/p/toxics/bw', '{"toxicity":0.5}');
      for (const body of [...bodies].reverse()) expect((await h.api('DELETE', `/proxies/p/toxics/${body.name}`)).status).toBe(204);
      rounds += 1;
    }
    expect((await echoed).equals(payload)).toBe(true);
    expect(rounds).toBeGreaterThanOrEqual(3);
  });

  test('should apply toxics to connections that were already open, and stop when removed', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    expect(await roundTrip(client, 'a')).toBeLessThan(100);
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":300}}');
    expect(await roundTrip(client, 'b')).toBeGreaterThanOrEqual(295);
    await h.api('DELETE', '/proxies/p/toxics/latency_downstream');
    expect(await roundTrip(client, 'c')).toBeLessThan(100);
  });

  test('should pass data under toxicity 0, and close once updated to toxicity 1 with a timeout', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","toxicity":0,"attributes":{"timeout":0}}');
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'passes');
    const closed = ended(client);
    await h.api('PATCH', '/proxies/p/toxics/timeout_downstream', '{"toxicity":1,"attributes":{"timeout":100}}');
    expect(await closed).toBe('end');
  });

  test('should draw toxicity per connection (about half the connections under 0.5)', async () => {
    const h = await harness({ random: seededRandom(42) });
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","toxicity":0.5,"attributes":{"latency":150}}');
    const rtts = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const client = await connectTcp(portOf(proxy.listen));
        const rtt = await roundTrip(client, 'probe');
        client.destroy();
        return rtt;
      }),
    );
    // One draw per connection (only the downstream has a toxic), from the same seeded sequence.
    const draws = seededRandom(42);
    const expected = Array.from({ length: 40 }, () => draws()).filter((x) => x < 0.5).length;
    expect(expected).toBeGreaterThan(10);
    expect(expected).toBeLessThan(30);
    expect(rtts.filter((ms) => ms >= 140)).toHaveLength(expected);
  });

  test('should leave the other stream alone', async () => {
    const h = await harness();
    let arrivedAt = 0;
    const up = await h.upstream((socket) => socket.on('data', () => (arrivedAt = performance.now())));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"downstream","attributes":{"latency":500}}');
    const client = await h.connect(portOf(proxy.listen));
    const sentAt = performance.now();
    client.write('up');
    await eventually(() => arrivedAt > 0, 1_000, 'upstream data');
    expect(arrivedAt - sentAt).toBeLessThan(250);
  });

  test('should not crash when toxics change on a connection whose client is gone', async () => {
    const h = await harness();
    const up = await h.upstream(() => {}, { allowHalfOpen: true });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"upstream","attributes":{"latency":100}}');
    const client = await connectTcp(portOf(proxy.listen));
    client.write('data');
    client.resetAndDestroy();
    for (const type of ['timeout', 'slicer', 'bandwidth']) {
      expect((await h.api('POST', '/proxies/p/toxics', JSON.stringify({ type, stream: 'upstream' }))).status).toBe(200);
    }
    expect((await h.api('DELETE', '/proxies/p/toxics/latency_upstream')).status).toBe(204);
    expect((await h.api('POST', '/reset')).status).toBe(204);
    await eventually(() => h.server.stats().connections === 0, 2_000, 'the connection to close');
  });

  test('should close a connection whose timeout toxic is removed while data is queued behind it', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"timeout","stream":"upstream","attributes":{"timeout":0}}');
    const client = await h.connect(portOf(proxy.listen));
    const result = collect(client);
    client.write('swallowed');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await h.api('POST', '/reset');
    expect((await result).ending).toBe('end');
  });
});
