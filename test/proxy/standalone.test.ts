import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { parseStandaloneArgs } from '../../src/proxy/standalone-args.js';
import { isListening, portOf } from './helpers/harness.js';

const ENTRY = new URL('../../src/proxy/standalone.ts', import.meta.url).pathname;

function run(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output, exit };
}

async function waitForOutput(output: () => string, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`no ${String(pattern)} in output: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('standalone server', () => {
  test('should start with a config, log one ready line, serve the API and exit 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-proxy-'));
    const config = join(dir, 'proxies.json');
    await writeFile(config, JSON.stringify([{ name: 'from_config', listen: '127.0.0.1:0', upstream: 'localhost:6379' }]));
    const proc = run(['-host', '127.0.0.1', '--port=0', '-config', config]);
    const match = await waitForOutput(proc.output, /faultline proxy API listening on 127\.0\.0\.1:(\d+)/);
    const url = `http://127.0.0.1:${match[1]}`;
    expect(await (await fetch(`${url}/version`)).text()).toBe('{"version": "2.12.0-faultline"}\n');
    const proxy = (await (await fetch(`${url}/proxies/from_config`)).json()) as { listen: string; enabled: boolean };
    expect(proxy.enabled).toBe(true);
    expect(await isListening(portOf(proxy.listen))).toBe(true);
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
    expect(await isListening(portOf(proxy.listen))).toBe(false);
  });

  test('should print the version with -version', async () => {
    const proc = run(['-version']);
    expect(await proc.exit).toBe(0);
    expect(proc.output()).toBe('toxiproxy-server version 2.12.0-faultline\n');
  });

  test('should exit 2 on an unknown flag and 1 on a bad config file', async () => {
    const unknown = run(['-nope']);
    expect(await unknown.exit).toBe(2);
    expect(unknown.output()).toContain('flag provided but not defined: -nope');
    const dir = await mkdtemp(join(tmpdir(), 'faultline-proxy-'));
    const config = join(dir, 'bad.json');
    await writeFile(config, '[{"name":"x"}]');
    const bad = run(['-port', '0', '-config', config]);
    expect(await bad.exit).toBe(1);
    expect(bad.output()).toContain(`invalid proxy config ${config}: proxy 1: missing required field "upstream"`);
  });
});

describe('standalone flags', () => {
  test('should accept Go flag spellings and default to 127.0.0.1:8474', () => {
    expect(parseStandaloneArgs([])).toEqual({ host: '127.0.0.1', port: 8474, config: undefined, printVersion: false, help: false });
    expect(parseStandaloneArgs(['-host', '0.0.0.0', '-port', '9000', '-config', 'a.json'])).toMatchObject({ host: '0.0.0.0', port: 9000, config: 'a.json' });
    expect(parseStandaloneArgs(['--host=::', '--port=0', '--config=b.json'])).toMatchObject({ host: '::', port: 0, config: 'b.json' });
    expect(parseStandaloneArgs(['-version'])).toMatchObject({ printVersion: true });
    expect(parseStandaloneArgs(['-runtime-metrics', '-seed', '42', '-proxy-metrics=false'])).toMatchObject({ port: 8474 });
  });

  test('should reject bad flags like Go', () => {
    expect(() => parseStandaloneArgs(['-port'])).toThrow('flag needs an argument: -port');
    expect(() => parseStandaloneArgs(['-port', 'abc'])).toThrow('invalid value "abc" for flag -port');
    expect(() => parseStandaloneArgs(['-bogus'])).toThrow('flag provided but not defined: -bogus');
  });
});
