import * as net from 'node:net';
import { describe, expect, test } from 'vitest';
import { ToxiproxyError, type ICreateToxicBody } from 'toxiproxy-node-client';
import { harness, isListening, portOf } from './helpers/harness.js';

const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** The node client's TS types want every field; the server fills defaults, which is what we test. */
function toxicBody<T>(body: Partial<ICreateToxicBody<T>>): ICreateToxicBody<T> {
  return body as ICreateToxicBody<T>;
}

describe('HTTP API basics', () => {
  test('should send X-Toxiproxy-Request-Id (an xid) on responses of known routes', async () => {
    const h = await harness();
    const ok = await h.api('GET', '/proxies');
    expect(ok.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
    const notFound = await h.api('GET', '/proxies/missing');
    expect(notFound.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
    expect(ok.headers.get('x-toxiproxy-request-id')).not.toBe(notFound.headers.get('x-toxiproxy-request-id'));
  });

  test('should refuse browsers with 403 User agent not allowed', async () => {
    const h = await harness();
    const res = await h.api('GET', '/proxies', undefined, { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' });
    expect(res.status).toBe(403);
    expect(res.text).toBe('User agent not allowed\n');
    expect(res.headers.get('content-type')).toBe(TEXT_PLAIN);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('should serve non-browser user agents', async () => {
    const h = await harness();
    const res = await h.api('GET', '/proxies', undefined, { 'User-Agent': 'toxiproxy-cli/2.12.0 linux/amd64' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  test('should list no proxies as an empty object', async () => {
    const h = await harness();
    expect((await h.api('GET', '/proxies')).text).toBe('{}');
    expect(await h.client.getAll()).toEqual({});
  });

  test('should answer /version with the exact Toxiproxy body', async () => {
    const h = await harness({ version: '2.12.0' });
    const res = await h.api('GET', '/version');
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"version": "2.12.0"}\n');
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await h.client.getVersion()).toBe('{"version": "2.12.0"}\n');
  });

  test('should report the default version 2.12.0-faultline', async () => {
    const h = await harness();
    expect((await h.api('GET', '/version')).text).toBe('{"version": "2.12.0-faultline"}\n');
  });

  test('should answer unknown paths with Go 404 text and no request id', async () => {
    const h = await harness();
    for (const path of ['/', '/nope', '/proxies/', '/proxies/a/b/c/d', '/version/']) {
      const res = await h.api('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.text).toBe('404 page not found\n');
      expect(res.headers.get('content-type')).toBe(TEXT_PLAIN);
      expect(res.headers.get('x-toxiproxy-request-id')).toBeNull();
    }
  });

  test('should answer a wrong method on a known path with an empty 405', async () => {
    const h = await harness();
    for (const [method, path] of [
      ['PUT', '/proxies'],
      ['DELETE', '/proxies'],
      ['GET', '/reset'],
      ['GET', '/populate'],
      ['POST', '/version'],
      ['PUT', '/proxies/x'],
      ['PUT', '/proxies/x/toxics'],
      ['PUT', '/proxies/x/toxics/y'],
    ] as const) {
      const res = await h.api(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.text).toBe('');
    }
  });

  test('should redirect unclean paths like gorilla/mux', async () => {
    const h = await harness();
    const res = await fetch(`${h.server.url}/proxies/../version`, { redirect: 'manual' });
    // fetch normalises dot segments itself, so use a double slash to reach the server unclean.
    expect([200, 301]).toContain(res.status);
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(h.server.port, '127.0.0.1', () => socket.end('GET //proxies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 301/);
    expect(raw).toMatch(/\r\nLocation: \/proxies\r\n/i);
  });
});

describe('proxies', () => {
  test('should reject a blank name with 400 missing required field: name', async () => {
    const h = await harness();
    const res = await h.api('POST', '/proxies', JSON.stringify({ upstream: 'localhost:1' }));
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"error":"missing required field: name","status":400}\n');
    expect(res.headers.get('content-type')).toBe(TEXT_PLAIN);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(h.client.createProxy({ name: '', listen: '', upstream: 'x:1' })).rejects.toThrow('Request failed with status code 400');
  });

  test('should reject a blank upstream with 400 missing required field: upstream', async () => {
    const h = await harness();
    const res = await h.api('POST', '/proxies', JSON.stringify({ name: 'test' }));
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"error":"missing required field: upstream","status":400}\n');
  });

  test('should create and get a proxy with the bound address as listen', async () => {
    const h = await harness();
    const up = await h.echo();
    const created = await h.client.createProxy({ name: 'mysql_master', listen: 'localhost:0', upstream: up.address });
    expect(created.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(portOf(created.listen)).toBeGreaterThan(0);
    expect(created.enabled).toBe(true);
    const fetched = await h.client.get('mysql_master');
    expect(fetched.toJson()).toEqual({ name: 'mysql_master', listen: created.listen, upstream: up.address, enabled: true });
    expect(await isListening(portOf(created.listen))).toBe(true);
  });

  test('should emit proxy objects byte for byte like Toxiproxy (field order, Logger, 201)', async () => {
    const h = await harness();
    const res = await h.api('POST', '/proxies', '{"name":"redis","listen":"127.0.0.1:0","upstream":"localhost:6379"}');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const port = portOf((JSON.parse(res.text) as { listen: string }).listen);
    expect(res.text).toBe(`{"name":"redis","listen":"127.0.0.1:${port}","upstream":"localhost:6379","enabled":true,"Logger":{},"toxics":[]}`);
    const index = await h.api('GET', '/proxies');
    expect(index.text).toBe(`{"redis":${res.text}}`);
  });

  test('should resolve listen addresses as Go does', async () => {
    const h = await harness();
    const cases: [string, RegExp][] = [
      ['localhost:0', /^127\.0\.0\.1:\d+$/],
      ['127.0.0.1:0', /^127\.0\.0\.1:\d+$/],
      ['0.0.0.0:0', /^\[::\]:\d+$/],
      [':0', /^\[::\]:\d+$/],
      ['', /^\[::\]:\d+$/],
    ];
    for (const [i, [listen, expected]] of cases.entries()) {
      const res = await h.api('POST', '/proxies', JSON.stringify({ name: `p${i}`, listen, upstream: 'localhost:1' }));
      expect(res.status, listen).toBe(201);
      const echoed = (JSON.parse(res.text) as { listen: string }).listen;
      expect(echoed, listen).toMatch(expected);
      expect(await isListening(portOf(echoed))).toBe(true);
    }
    const noListen = await h.api('POST', '/proxies', '{"name":"nolisten","upstream":"localhost:1"}');
    expect((JSON.parse(noListen.text) as { listen: string }).listen).toMatch(/^\[::\]:\d+$/);
  });

  test('should list proxies keyed by name in sorted order', async () => {
    const h = await harness();
    for (const name of ['zeta', 'alpha', 'Mid']) await h.client.createProxy({ name, listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('GET', '/proxies');
    expect(Object.keys(JSON.parse(res.text) as object)).toEqual(['Mid', 'alpha', 'zeta']);
    expect(Object.keys(await h.client.getAll()).sort()).toEqual(['Mid', 'alpha', 'zeta']);
  });

  test('should create a disabled proxy, echo listen unresolved and not listen', async () => {
    const h = await harness();
    const free = await freePort();
    const created = await h.client.createProxy({ name: 'mysql_master', listen: `localhost:${free}`, upstream: 'localhost:20001', enabled: false });
    expect(created.listen).toBe(`localhost:${free}`);
    expect(created.enabled).toBe(false);
    const fetched = await h.client.get('mysql_master');
    expect(fetched.listen).toBe(`localhost:${free}`);
    expect(await isListening(free)).toBe(false);
  });

  test('should enable then disable a disabled proxy (POST update and PATCH)', async () => {
    const h = await harness();
    const free = await freePort();
    const proxy = await h.client.createProxy({ name: 'p', listen: `localhost:${free}`, upstream: 'localhost:20001', enabled: false });
    const enabled = await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    expect(enabled.enabled).toBe(true);
    expect(enabled.listen).toBe(`127.0.0.1:${free}`);
    expect(await isListening(free)).toBe(true);
    const patched = await h.api('PATCH', '/proxies/p', '{"enabled":false}');
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.text)).toMatchObject({ enabled: false, listen: `127.0.0.1:${free}`, upstream: 'localhost:20001' });
    expect(await isListening(free)).toBe(false);
    const again = await h.api('PATCH', '/proxies/p', '{"enabled":true}');
    expect(JSON.parse(again.text)).toMatchObject({ enabled: true });
    expect(await isListening(free)).toBe(true);
  });

  test('should delete a proxy, close its port, and 404 the second delete', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const port = portOf(proxy.listen);
    expect(await isListening(port)).toBe(true);
    const res = await h.api('DELETE', '/proxies/p');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
    expect(await isListening(port)).toBe(false);
    expect(await h.client.getAll()).toEqual({});
    const second = await h.api('DELETE', '/proxies/p');
    expect(second.status).toBe(404);
    expect(second.text).toBe('{"error":"proxy not found","status":404}\n');
    await expect(proxy.remove()).rejects.toBeInstanceOf(ToxiproxyError);
  });

  test('should report a port conflict as 500 with the Go bind error, then work after delete', async () => {
    const h = await harness();
    const first = await h.client.createProxy({ name: 'one', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('POST', '/proxies', JSON.stringify({ name: 'two', listen: first.listen, upstream: 'localhost:1' }));
    expect(res.status).toBe(500);
    expect(res.text).toBe(`{"error":"listen tcp ${first.listen}: bind: address already in use","status":500}\n`);
    expect(Object.keys(await h.client.getAll())).toEqual(['one']);
    await first.remove();
    const retry = await h.api('POST', '/proxies', JSON.stringify({ name: 'two', listen: first.listen, upstream: 'localhost:1' }));
    expect(retry.status).toBe(201);
  });

  test('should refuse a duplicate name with 409 proxy already exists', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'dup', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('POST', '/proxies', '{"name":"dup","listen":"127.0.0.1:0","upstream":"localhost:1"}');
    expect(res.status).toBe(409);
    expect(res.text).toBe('{"error":"proxy already exists","status":409}\n');
    await expect(h.client.createProxy({ name: 'dup', listen: '127.0.0.1:0', upstream: 'x:1' })).rejects.toThrow('status code 409');
  });

  test('should 404 unknown proxies on every proxy route', async () => {
    const h = await harness();
    for (const [method, path] of [
      ['GET', '/proxies/nope'],
      ['POST', '/proxies/nope'],
      ['PATCH', '/proxies/nope'],
      ['DELETE', '/proxies/nope'],
      ['GET', '/proxies/nope/toxics'],
      ['POST', '/proxies/nope/toxics'],
      ['GET', '/proxies/nope/toxics/t'],
      ['PATCH', '/proxies/nope/toxics/t'],
      ['DELETE', '/proxies/nope/toxics/t'],
    ] as const) {
      const res = await h.api(method, path, method === 'GET' || method === 'DELETE' ? undefined : '{}');
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.text).toBe('{"error":"proxy not found","status":404}\n');
    }
  });

  test('should reject malformed bodies with Go decoder messages', async () => {
    const h = await harness();
    const cases: [string, string][] = [
      ['', 'bad request body: EOF'],
      ['   ', 'bad request body: EOF'],
      ['{"name":', 'bad request body: unexpected EOF'],
      ['{"name":"x"', 'bad request body: unexpected EOF'],
      ['not json', "bad request body: invalid character 'o' in literal null (expecting 'u')"],
      ['{name:"x"}', "bad request body: invalid character 'n' looking for beginning of object key string"],
      ['{"name" "x"}', `bad request body: invalid character '"' after object key`],
      ['{"name":"x",}', "bad request body: invalid character '}' looking for beginning of object key string"],
      ['{"name":"x" "y"}', `bad request body: invalid character '"' after object key:value pair`],
      ['{"enabled":tru}', "bad request body: invalid character '}' in literal true (expecting 'e')"],
      ['{"name":1.}', "bad request body: invalid character '}' after decimal point in numeric literal"],
      ['x', "bad request body: invalid character 'x' looking for beginning of value"],
      ['[1]', 'bad request body: json: cannot unmarshal array into Go value of type toxiproxy.Proxy'],
      ['{"name":5,"upstream":"x:1"}', 'bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string'],
      ['{"name":"a","upstream":"x:1","enabled":"yes"}', 'bad request body: json: cannot unmarshal string into Go struct field Proxy.enabled of type bool'],
    ];
    for (const [body, message] of cases) {
      const res = await h.api('POST', '/proxies', body);
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.text), body).toEqual({ error: message, status: 400 });
    }
  });

  test('should accept case-insensitive keys and ignore unknown fields like Go', async () => {
    const h = await harness();
    const res = await h.api('POST', '/proxies', '{"NAME":"ci","Listen":"127.0.0.1:0","upstream":"x:1","toxics":null,"Logger":{},"extra":[1,2]}');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toMatchObject({ name: 'ci', upstream: 'x:1', enabled: true });
  });
});

describe('reset', () => {
  test('should remove all toxics and re-enable disabled proxies, answering 204', async () => {
    const h = await harness();
    const free = await freePort();
    const proxy = await h.client.createProxy({ name: 'p', listen: `127.0.0.1:${free}`, upstream: 'localhost:20001', enabled: false });
    await proxy.addToxic(toxicBody({ type: 'latency', attributes: { latency: 100, jitter: 10 } }));
    const res = await h.api('POST', '/reset');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = await h.api('GET', '/proxies/p');
    expect(JSON.parse(after.text)).toMatchObject({ enabled: true, toxics: [] });
    expect(await isListening(free)).toBe(true);
    await h.client.reset();
  });
});

describe('populate', () => {
  test('should create several proxies and return them (201)', async () => {
    const h = await harness();
    const proxies = await h.client.populate([
      { name: 'one', listen: '127.0.0.1:0', upstream: 'localhost:7171' },
      { name: 'two', listen: '127.0.0.1:0', upstream: 'localhost:7171' },
    ]);
    expect(Object.keys(proxies).sort()).toEqual(['one', 'two']);
    for (const p of Object.values(proxies)) {
      expect(p.enabled).toBe(true);
      expect(await isListening(portOf(p.listen))).toBe(true);
    }
  });

  test('should default enabled to true and answer 201 application/json', async () => {
    const h = await harness();
    const res = await h.api('POST', '/populate', '[{"name":"one","listen":"127.0.0.1:0","upstream":"localhost:7171"}]');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = JSON.parse(res.text) as { proxies: { enabled: boolean; listen: string }[] };
    const port = portOf(body.proxies[0]?.listen ?? '');
    expect(res.text).toBe(`{"proxies":[{"name":"one","listen":"127.0.0.1:${port}","upstream":"localhost:7171","enabled":true,"Logger":{},"toxics":[]}]}`);
  });

  test('should create disabled proxies when asked', async () => {
    const h = await harness();
    const free = await freePort();
    const proxies = await h.client.populate([{ name: 'one', listen: `127.0.0.1:${free}`, upstream: 'localhost:7171', enabled: false }]);
    expect(proxies['one']?.enabled).toBe(false);
    expect(await isListening(free)).toBe(false);
  });

  test('should keep an unchanged existing proxy (toxics and all) and replace a changed one', async () => {
    const h = await harness();
    const keep = await h.client.createProxy({ name: 'keep', listen: 'localhost:0', upstream: 'localhost:7171' });
    await keep.addToxic(toxicBody({ name: 'lat', type: 'latency', attributes: { latency: 10, jitter: 0 } }));
    const change = await h.client.createProxy({ name: 'change', listen: '127.0.0.1:0', upstream: 'localhost:7171' });
    await change.addToxic(toxicBody({ name: 'lat', type: 'latency', attributes: { latency: 10, jitter: 0 } }));
    const port = portOf(keep.listen);
    const res = await h.api(
      'POST',
      '/populate',
      JSON.stringify([
        { name: 'keep', listen: `localhost:${port}`, upstream: 'localhost:7171' },
        { name: 'change', listen: change.listen, upstream: 'localhost:7272' },
      ]),
    );
    expect(res.status).toBe(201);
    const body = JSON.parse(res.text) as { proxies: { name: string; listen: string; upstream: string; toxics: unknown[] }[] };
    expect(body.proxies.map((p) => [p.name, p.listen, p.upstream, p.toxics.length])).toEqual([
      ['keep', `127.0.0.1:${port}`, 'localhost:7171', 1],
      ['change', change.listen, 'localhost:7272', 0],
    ]);
  });

  test('should reject a missing name at proxy 2 with nothing created', async () => {
    const h = await harness();
    const res = await h.api('POST', '/populate', '[{"name":"one","listen":"127.0.0.1:0","upstream":"x:1"},{"listen":"127.0.0.1:0","upstream":"x:1"}]');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe('{"error":"missing required field: name at proxy 2","status":400,"proxies":null}');
    expect(await h.client.getAll()).toEqual({});
    const noUpstream = await h.api('POST', '/populate', '[{"name":"one"}]');
    expect(noUpstream.text).toBe('{"error":"missing required field: upstream at proxy 1","status":400,"proxies":null}');
  });

  test('should stop at a bad listen address, keeping the proxies already created', async () => {
    const h = await harness();
    const res = await h.api(
      'POST',
      '/populate',
      '[{"name":"one","listen":"127.0.0.1:0","upstream":"x:1"},{"name":"two","listen":"local373","upstream":"x:1"},{"name":"three","listen":"127.0.0.1:0","upstream":"x:1"}]',
    );
    expect(res.status).toBe(500);
    const body = JSON.parse(res.text) as { error: string; status: number; proxies: { name: string }[] };
    expect(body.error).toBe('listen tcp: address local373: missing port in address');
    expect(body.status).toBe(500);
    expect(body.proxies.map((p) => p.name)).toEqual(['one']);
    expect(Object.keys(await h.client.getAll())).toEqual(['one']);
  });

  test('should allow adding toxics to populated proxies', async () => {
    const h = await harness();
    const proxies = await h.client.populate([{ name: 'one', listen: '127.0.0.1:0', upstream: 'localhost:7171' }]);
    const toxic = await proxies['one']!.addToxic(toxicBody({ type: 'latency', attributes: { latency: 5, jitter: 0 } }));
    expect(toxic.name).toBe('latency_downstream');
  });

  test('should answer an empty list with proxies null, and bad JSON with a JSON error', async () => {
    const h = await harness();
    const empty = await h.api('POST', '/populate', '[]');
    expect(empty.status).toBe(201);
    expect(empty.text).toBe('{"proxies":null}');
    const bad = await h.api('POST', '/populate', '{"name":"x"}');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(bad.text)).toMatchObject({ status: 400, proxies: null });
    expect((JSON.parse(bad.text) as { error: string }).error).toMatch(/^bad request body: json: cannot unmarshal object into Go value of type \[\]struct/);
  });
});

describe('toxics API', () => {
  test('should list no toxics as [] and add one with defaults (200, name <type>_<stream>)', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    expect((await h.api('GET', '/proxies/p/toxics')).text).toBe('[]');
    const res = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","attributes":{"latency":100}}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text).toBe('{"attributes":{"latency":100,"jitter":0},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1}');
    const fetched = await proxy.getToxic('latency_downstream');
    expect(fetched.toJson()).toEqual({ name: 'latency_downstream', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100, jitter: 0 } });
    expect((await h.api('GET', '/proxies/p/toxics')).text).toBe(`[${res.text}]`);
  });

  test('should add a named toxic with attributes and toxicity through the node client', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const toxic = await proxy.addToxic(toxicBody({ name: 'foobar', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100, jitter: 10 } }));
    expect(toxic.toJson()).toEqual({ name: 'foobar', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100, jitter: 10 } });
  });

  test('should list upstream toxics first, each stream in insertion order', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    for (const body of [
      { name: 'd1', type: 'latency' },
      { name: 'u1', type: 'bandwidth', stream: 'upstream' },
      { name: 'd2', type: 'slow_close' },
      { name: 'u2', type: 'timeout', stream: 'upstream' },
    ]) {
      expect((await h.api('POST', '/proxies/p/toxics', JSON.stringify(body))).status).toBe(200);
    }
    const list = JSON.parse((await h.api('GET', '/proxies/p/toxics')).text) as { name: string }[];
    expect(list.map((t) => t.name)).toEqual(['u1', 'u2', 'd1', 'd2']);
    const proxy = JSON.parse((await h.api('GET', '/proxies/p')).text) as { toxics: { name: string }[] };
    expect(proxy.toxics.map((t) => t.name)).toEqual(['u1', 'u2', 'd1', 'd2']);
  });

  test('should refuse a conflicting toxic name with 409, across streams too', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    expect((await h.api('POST', '/proxies/p/toxics', '{"name":"t","type":"latency"}')).status).toBe(200);
    const same = await h.api('POST', '/proxies/p/toxics', '{"name":"t","type":"latency"}');
    expect(same.status).toBe(409);
    expect(same.text).toBe('{"error":"toxic already exists","status":409}\n');
    const other = await h.api('POST', '/proxies/p/toxics', '{"name":"t","type":"latency","stream":"upstream"}');
    expect(other.status).toBe(409);
  });

  test('should allow latency_upstream and latency_downstream defaults side by side', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const up = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"upstream"}');
    const down = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"downstream"}');
    expect([up.status, down.status]).toEqual([200, 200]);
    expect((JSON.parse(up.text) as { name: string }).name).toBe('latency_upstream');
    expect((JSON.parse(down.text) as { name: string }).name).toBe('latency_downstream');
  });

  test('should round-trip toxicity as a float32 in Go formatting', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    for (const [input, output] of [
      ['0.2', '0.2'],
      ['0.5', '0.5'],
      ['0', '0'],
      ['1e-7', '1e-7'],
      ['2.5', '2.5'],
      ['-1', '-1'],
      ['0.3333333333', '0.33333334'],
    ]) {
      const res = await h.api('POST', '/proxies/p/toxics', `{"name":"t${input}","type":"noop","toxicity":${input}}`);
      expect(res.status, input).toBe(200);
      expect(res.text, input).toBe(`{"attributes":{},"name":"t${input}","type":"noop","stream":"downstream","toxicity":${output}}`);
    }
  });

  test('should add a noop toxic with the stream omitted as downstream', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('POST', '/proxies/p/toxics', '{"name":"foobar","type":"noop"}');
    expect(res.text).toBe('{"attributes":{},"name":"foobar","type":"noop","stream":"downstream","toxicity":1}');
  });

  test('should parse the stream case-insensitively and echo it as given', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"UpStream"}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ name: 'latency_UpStream', stream: 'UpStream' });
  });

  test('should reject an invalid stream and an unknown type with 400', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const stream = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":"sideways"}');
    expect(stream.status).toBe(400);
    expect(stream.text).toBe('{"error":"stream was invalid, can be either upstream or downstream","status":400}\n');
    const empty = await h.api('POST', '/proxies/p/toxics', '{"type":"latency","stream":""}');
    expect(empty.status).toBe(400);
    for (const type of ['down', 'Latency', '', 'nope']) {
      const res = await h.api('POST', '/proxies/p/toxics', JSON.stringify({ type }));
      expect(res.status, type).toBe(400);
      expect(res.text).toBe('{"error":"invalid toxic type","status":400}\n');
    }
  });

  test('should reject float and string attributes with the Go decode error', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const cases: [string, string][] = [
      ['{"type":"latency","attributes":{"latency":100.5}}', 'number 100.5 into Go struct field LatencyToxic.attributes.latency of type int64'],
      ['{"type":"latency","attributes":{"jitter":"10"}}', 'string into Go struct field LatencyToxic.attributes.jitter of type int64'],
      ['{"type":"bandwidth","attributes":{"rate":1e3}}', 'number 1e3 into Go struct field BandwidthToxic.attributes.rate of type int64'],
      ['{"type":"slicer","attributes":{"average_size":true}}', 'bool into Go struct field SlicerToxic.attributes.average_size of type int'],
      ['{"type":"limit_data","attributes":{"bytes":9223372036854775808}}', 'number 9223372036854775808 into Go struct field LimitDataToxic.attributes.bytes of type int64'],
      ['{"type":"latency","toxicity":"1"}', 'string into Go struct field ToxicWrapper.toxicity of type float32'],
      ['{"type":"latency","attributes":5}', 'number into Go struct field ToxicWrapper.attributes of type toxics.NoopToxic'],
    ];
    for (const [body, detail] of cases) {
      const res = await h.api('POST', '/proxies/p/toxics', body);
      expect(res.status, body).toBe(400);
      expect(res.text, body).toBe(`{"error":"bad request body: json: cannot unmarshal ${detail}","status":400}\n`);
    }
    expect((await h.api('GET', '/proxies/p/toxics')).text).toBe('[]');
  });

  test('should update toxics by merging attributes and keeping toxicity when omitted', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const toxic = await proxy.addToxic(toxicBody({ type: 'latency', toxicity: 0.5, attributes: { latency: 100, jitter: 10 } }));
    const viaClient = await toxic.update(toxicBody({ attributes: { latency: 1000 } as never }));
    expect(viaClient.attributes).toEqual({ latency: 1000, jitter: 10 });
    expect(viaClient.toxicity).toBe(0.5);
    const patched = await h.api('PATCH', '/proxies/p/toxics/latency_downstream', '{"attributes":{"jitter":3},"toxicity":0.25,"name":"ignored","stream":"upstream","type":"bandwidth"}');
    expect(patched.status).toBe(200);
    expect(patched.text).toBe('{"attributes":{"latency":1000,"jitter":3},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":0.25}');
    const bad = await h.api('PATCH', '/proxies/p/toxics/latency_downstream', '{"attributes":{"jitter":1.5}}');
    expect(bad.text).toBe('{"error":"bad request body: json: cannot unmarshal number 1.5 into Go struct field LatencyToxic.attributes.jitter of type int64","status":400}\n');
    const missing = await h.api('PATCH', '/proxies/p/toxics/nope', '{}');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('{"error":"toxic not found","status":404}\n');
  });

  test('should remove a toxic (204) and 404 it afterwards', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const toxic = await proxy.addToxic(toxicBody({ type: 'latency', attributes: { latency: 1, jitter: 0 } }));
    await toxic.remove();
    expect((await h.api('GET', '/proxies/p/toxics')).text).toBe('[]');
    const again = await h.api('DELETE', '/proxies/p/toxics/latency_downstream');
    expect(again.status).toBe(404);
    expect(again.text).toBe('{"error":"toxic not found","status":404}\n');
    expect((await h.api('GET', '/proxies/p/toxics/latency_downstream')).status).toBe(404);
  });

  test('should keep toxics on a disabled proxy', async () => {
    const h = await harness();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    await proxy.addToxic(toxicBody({ type: 'latency', attributes: { latency: 1, jitter: 0 } }));
    const disabled = await h.api('PATCH', '/proxies/p', '{"enabled":false}');
    expect(JSON.parse(disabled.text)).toMatchObject({ enabled: false, toxics: [{ name: 'latency_downstream' }] });
  });

  test('should escape names like Go json (HTML-safe)', async () => {
    const h = await harness();
    await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: 'localhost:1' });
    const res = await h.api('POST', '/proxies/p/toxics', JSON.stringify({ name: '<a&b>\u2028"', type: 'noop' }));
    expect(res.text).toBe('{"attributes":{},"name":"\\u003ca\\u0026b\\u003e\\u2028\\"","type":"noop","stream":"downstream","toxicity":1}');
  });
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
