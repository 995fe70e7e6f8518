import type * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import { harness, portOf, type Harness } from '../helpers/harness.js';
import { collect, readExactly, roundTrip } from '../helpers/stream.js';

/** A proxy whose upstream records what it receives, with a limit_data toxic on the upstream. */
async function limited(h: Harness, bytes: number) {
  const received: Buffer[] = [];
  const serverEnds: Promise<unknown>[] = [];
  const up = await h.upstream((socket) => {
    serverEnds.push(collect(socket));
    socket.on('data', (d: Buffer) => received.push(d));
  });
  const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
  await h.api('POST', '/proxies/p/toxics', JSON.stringify({ type: 'limit_data', stream: 'upstream', attributes: { bytes } }));
  const client = await h.connect(portOf(proxy.listen));
  return { client, received: () => Buffer.concat(received).toString(), serverEnds };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('limit_data toxic', () => {
  test('should pass a chunk smaller than the limit and keep the connection', async () => {
    const h = await harness();
    const { client, received } = await limited(h, 100);
    client.write('hello');
    await settle();
    expect(received()).toBe('hello');
    expect(client.destroyed).toBe(false);
  });

  test('should close once a chunk reaches the limit exactly', async () => {
    const h = await harness();
    const { client, received, serverEnds } = await limited(h, 5);
    const result = collect(client);
    client.write('hello');
    expect((await result).ending).toBe('end');
    expect(received()).toBe('hello');
    await Promise.all(serverEnds);
  });

  test('should truncate the chunk that crosses the limit, then close', async () => {
    const h = await harness();
    const { client, received } = await limited(h, 3);
    const result = collect(client);
    client.write('hello');
    expect((await result).ending).toBe('end');
    expect(received()).toBe('hel');
  });

  test('should count across chunks and cut the one that would overflow', async () => {
    const h = await harness();
    const { client, received } = await limited(h, 8);
    const result = collect(client);
    client.write('hello');
    await settle();
    client.write('world');
    expect((await result).ending).toBe('end');
    expect(received()).toBe('hellowor');
  });

  test('should pass nothing and close on the first chunk with a limit of 0', async () => {
    const h = await harness();
    const { client, received } = await limited(h, 0);
    const result = collect(client);
    await settle();
    expect(client.destroyed).toBe(false);
    client.write('x');
    expect((await result).ending).toBe('end');
    expect(received()).toBe('');
  });

  test('should keep counting when restarted by an update or a new toxic', async () => {
    const h = await harness();
    const { client, received } = await limited(h, 10);
    client.write('abcd');
    await settle();
    await h.api('PATCH', '/proxies/p/toxics/limit_data_upstream', '{"attributes":{"bytes":10}}');
    client.write('efgh');
    await settle();
    await h.api('POST', '/proxies/p/toxics', '{"type":"noop","stream":"upstream"}');
    const result = collect(client);
    client.write('ijklmn');
    expect((await result).ending).toBe('end');
    expect(received()).toBe('abcdefghij');
  });

  test('should let data through unlimited once removed', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"limit_data","attributes":{"bytes":1000}}');
    const client: net.Socket = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'x'.repeat(500));
    await h.api('DELETE', '/proxies/p/toxics/limit_data_downstream');
    const big = readExactly(client, 5000);
    client.write('y'.repeat(5000));
    expect((await big).length).toBe(5000);
  });
});
