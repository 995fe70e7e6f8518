import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadProxyConfig, ProxyServerError, startProxyServer } from '../../src/proxy/index.js';

async function file(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'faultline-config-')), 'proxies.json');
  await writeFile(path, content);
  return path;
}

describe('loadProxyConfig', () => {
  test('should read a Toxiproxy -config file', async () => {
    const path = await file('[{"name":"redis","listen":"0.0.0.0:26379","upstream":"redis:6379"},{"name":"db","upstream":"db:3306","enabled":false}]');
    expect(await loadProxyConfig(path)).toEqual([
      { name: 'redis', listen: '0.0.0.0:26379', upstream: 'redis:6379', enabled: true },
      { name: 'db', listen: '', upstream: 'db:3306', enabled: false },
    ]);
  });

  test('should fail with PROXY_CONFIG_INVALID naming the file and the problem', async () => {
    const missing = await file('[{"name":"x","upstream":"y:1"},{"upstream":"y:1"}]');
    await expect(loadProxyConfig(missing)).rejects.toMatchObject({ code: 'PROXY_CONFIG_INVALID', message: `invalid proxy config ${missing}: proxy 2: missing required field "name"` });
    const broken = await file('[{"name":');
    await expect(loadProxyConfig(broken)).rejects.toThrow(`invalid proxy config ${broken}: unexpected EOF`);
    const wrongType = await file('{"name":"x"}');
    await expect(loadProxyConfig(wrongType)).rejects.toBeInstanceOf(ProxyServerError);
    await expect(loadProxyConfig('/nonexistent/proxies.json')).rejects.toMatchObject({ code: 'PROXY_CONFIG_INVALID' });
  });

  test('should refuse to start when the configured proxies cannot be created', async () => {
    await expect(startProxyServer({ port: 0, config: [{ name: 'x', listen: 'bad', upstream: 'y:1' }] })).rejects.toMatchObject({
      code: 'PROXY_POPULATE_FAILED',
    });
  });
});
