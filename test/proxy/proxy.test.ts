import * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import { connectTcp, eventually, harness, isListening, portOf } from './helpers/harness.js';
import { collect, ended, patternBytes, readExactly, roundTrip } from './helpers/stream.js';

describe('proxying', () => {
  test('should pass a simple message both ways', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    client.write('hello world');
    expect((await readExactly(client, 11)).toString()).toBe('hello world');
  });

  test('should close the client (accept, then EOF) when the upstream refuses', async () => {
    const h = await harness();
    const up = await h.echo();
    await up.close();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await connectTcp(portOf(proxy.listen));
    const result = await collect(client);
    expect(result.data.length).toBe(0);
    expect(result.ending).toBe('end');
    await eventually(() => h.server.stats().connections === 0, 2_000, 'connections to drain');
  });

  test('should close the client when the upstream address cannot be parsed', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'no-port-here' });
    const client = await connectTcp(portOf(proxy.listen));
    expect(await ended(client)).toBe('end');
  });

  test('should keep serving other clients while an upstream is unreachable', async () => {
    const h = await harness();
    const good = await h.echo();
    const bad = await h.echo();
    await bad.close();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: bad.address });
    const failing = await Promise.all(Array.from({ length: 20 }, () => connectTcp(portOf(proxy.listen)).then(ended)));
    expect(failing.every((e) => e === 'end')).toBe(true);
    await proxy.update({ enabled: true, listen: proxy.listen, upstream: good.address });
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'ok');
  });

  test('should carry a big message intact', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    const payload = patternBytes(8 * 1024 * 1024, 7);
    const echoed = readExactly(client, payload.length);
    client.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
  });

  test('should carry a message written in two parts', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    const reply = readExactly(client, 11);
    client.write('hello ');
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.write('world');
    expect((await reply).toString()).toBe('hello world');
  });

  test('should close the whole connection when the client half-closes, as Toxiproxy does', async () => {
    const h = await harness();
    // The upstream would keep its side open for ever: Toxiproxy closes the connection anyway.
    const serverEnds: Promise<void>[] = [];
    const up = await h.upstream((socket) => {
      socket.resume();
      serverEnds.push(new Promise((resolve) => socket.once('end', resolve)));
    }, { allowHalfOpen: true });
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen), { allowHalfOpen: true });
    await eventually(() => serverEnds.length === 1, 2_000, 'upstream connection');
    const result = collect(client);
    client.end('request');
    expect((await result).ending).toBe('end');
    await serverEnds[0];
    await eventually(() => h.server.stats().connections === 0, 2_000, 'connection to close');
  });

  test('should pass a half-close on with halfClose: the client gets the reply to a request it ended', async () => {
    const h = await harness({ halfClose: true });
    const up = await h.upstream(
      (socket) => {
        const chunks: Buffer[] = [];
        socket.on('data', (d: Buffer) => chunks.push(d));
        socket.on('end', () => setTimeout(() => socket.end(Buffer.concat(chunks).toString().toUpperCase()), 20));
      },
      { allowHalfOpen: true },
    );
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen), { allowHalfOpen: true });
    const result = collect(client);
    client.end('request');
    expect(await result).toEqual({ data: Buffer.from('REQUEST'), ending: 'end' });
    await eventually(() => h.server.stats().connections === 0, 2_000, 'connection to close');
  });

  test('should close the client when the upstream closes', async () => {
    const h = await harness();
    const up = await h.upstream((socket) => socket.end('bye'));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await connectTcp(portOf(proxy.listen));
    expect(await collect(client)).toEqual({ data: Buffer.from('bye'), ending: 'end' });
    await eventually(() => h.server.stats().connections === 0, 2_000, 'connection to close');
  });
});

describe('proxy lifecycle', () => {
  test('should disable a proxy: refuse new connections and close live ones on both sides', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const port = portOf(proxy.listen);
    const client = await h.connect(port);
    await roundTrip(client, 'x');
    const closed = ended(client);
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(await closed).toBe('end');
    await eventually(() => up.sockets.size === 0, 2_000, 'upstream side to close');
    expect(await isListening(port)).toBe(false);
    expect(h.server.stats()).toMatchObject({ connections: 0, timers: 0 });
  });

  test('should delete a proxy and close its live connections', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'x');
    const closed = ended(client);
    await proxy.remove();
    expect(await closed).toBe('end');
    expect(h.server.stats().connections).toBe(0);
  });

  test('should survive disabling twice and stopping a proxy that never started', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1', enabled: false });
    expect((await h.api('PATCH', '/proxies/p', '{"enabled":false}')).status).toBe(200);
    await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    expect((await h.api('PATCH', '/proxies/p', '{"enabled":false}')).status).toBe(200);
    expect((await h.api('PATCH', '/proxies/p', '{"enabled":false}')).status).toBe(200);
    expect((await h.api('DELETE', '/proxies/p')).status).toBe(204);
  });

  test('should restart on a new listen address and drop connections of the old one', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const oldPort = portOf(proxy.listen);
    const client = await h.connect(oldPort);
    await roundTrip(client, 'x');
    const closed = ended(client);
    const moved = await proxy.update({ enabled: true, listen: '127.0.0.1:0', upstream: up.address });
    expect(await closed).toBe('end');
    expect(portOf(moved.listen)).not.toBe(oldPort);
    expect(await isListening(oldPort)).toBe(false);
    await roundTrip(await h.connect(portOf(moved.listen)), 'y');
  });

  test('should restart on a new upstream', async () => {
    const h = await harness();
    const first = await h.upstream((s) => s.end('first'));
    const second = await h.upstream((s) => s.end('second'));
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: first.address });
    expect((await collect(await connectTcp(portOf(proxy.listen)))).data.toString()).toBe('first');
    const updated = await proxy.update({ enabled: true, listen: proxy.listen, upstream: second.address });
    expect(updated.listen).toBe(proxy.listen);
    expect((await collect(await connectTcp(portOf(proxy.listen)))).data.toString()).toBe('second');
  });

  test('should not restart when the listen address names the same address by host name', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const port = portOf(proxy.listen);
    const client = await h.connect(port);
    await roundTrip(client, 'x');
    const updated = await h.api('PATCH', '/proxies/p', JSON.stringify({ listen: `localhost:${port}` }));
    expect(JSON.parse(updated.text)).toMatchObject({ listen: `127.0.0.1:${port}`, enabled: true });
    await roundTrip(client, 'still connected');
  });

  test('should fail to start on a taken address and start once it is free', async () => {
    const h = await harness();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    await h.client.createProxy({ name: 'p', listen: `127.0.0.1:${port}`, upstream: 'localhost:1', enabled: false });
    const failed = await h.api('PATCH', '/proxies/p', '{"enabled":true}');
    expect(failed.status).toBe(500);
    expect(failed.text).toBe(`{"error":"listen tcp 127.0.0.1:${port}: bind: address already in use","status":500}\n`);
    expect(JSON.parse((await h.api('GET', '/proxies/p')).text)).toMatchObject({ enabled: false });
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const ok = await h.api('PATCH', '/proxies/p', '{"enabled":true}');
    expect(JSON.parse(ok.text)).toMatchObject({ enabled: true, listen: `127.0.0.1:${port}` });
  });

  test('should report a bad listen address as a 500 with Go wording', async () => {
    const h = await harness();
    for (const [listen, error] of [
      ['local373', 'listen tcp: address local373: missing port in address'],
      ['127.0.0.1:99999', 'listen tcp: address 99999: invalid port'],
      ['a:b:c', 'listen tcp: address a:b:c: too many colons in address'],
    ]) {
      const res = await h.api('POST', '/proxies', JSON.stringify({ name: 'p', listen, upstream: 'x:1' }));
      expect(res.status, listen).toBe(500);
      expect(JSON.parse(res.text), listen).toEqual({ error, status: 500 });
    }
  });

  test("should support @testcontainers/toxiproxy's flow (0.0.0.0 listen, update with the echoed listen)", async () => {
    const h = await harness();
    const up = await h.echo();
    const free = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    const proxy = await h.client.createProxy({ name: 'app', upstream: up.address, listen: `0.0.0.0:${free}` });
    expect(proxy.listen).toBe(`[::]:${free}`);
    expect(Number(proxy.listen.split(':').pop())).toBe(free);
    const client = await h.connect(free);
    await roundTrip(client, 'through 0.0.0.0');
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(disabled.enabled).toBe(false);
    expect(await isListening(free)).toBe(false);
    const enabled = await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    expect(enabled).toMatchObject({ enabled: true, listen: `[::]:${free}` });
    await roundTrip(await h.connect(free), 'back');
  });

  test('should keep live connections across a reset, removing their toxics', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":300}}');
    expect(await roundTrip(client, 'slow')).toBeGreaterThanOrEqual(295);
    await h.client.reset();
    expect(await roundTrip(client, 'fast')).toBeLessThan(250);
  });
});

describe('server', () => {
  test('should listen on 127.0.0.1 by default and report url, host and port', async () => {
    const h = await harness();
    expect(h.server.host).toBe('127.0.0.1');
    expect(h.server.url).toBe(`http://127.0.0.1:${h.server.port}`);
    expect(h.server.port).toBeGreaterThan(0);
  });

  test('should create the configured proxies at startup', async () => {
    const h = await harness({ config: [{ name: 'cfg', listen: '127.0.0.1:0', upstream: 'localhost:1' }, { name: 'off', upstream: 'localhost:1', enabled: false }] });
    const all = await h.client.getAll();
    expect(Object.keys(all).sort()).toEqual(['cfg', 'off']);
    expect(all['cfg']?.enabled).toBe(true);
    expect(all['off']?.enabled).toBe(false);
  });

  test('should close everything: listeners, connections, timers', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    const client = await h.connect(portOf(proxy.listen));
    await roundTrip(client, 'connected');
    await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":10000}}');
    client.write('pending');
    await eventually(() => h.server.stats().timers > 0, 2_000, 'a latency timer');
    const closed = ended(client);
    await h.server.close();
    expect(await closed).toBe('end');
    expect(h.server.stats()).toEqual({ proxies: 0, enabledProxies: 0, connections: 0, sockets: 0, timers: 0, bufferedBytes: 0 });
    expect(await isListening(portOf(proxy.listen))).toBe(false);
    expect(await isListening(h.server.port)).toBe(false);
    await h.server.close();
  });
});
