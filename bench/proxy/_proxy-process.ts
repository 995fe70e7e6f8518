/**
 * Shared by the proxy benchmarks (the leading `_` keeps bench/run.ts from running it): the proxy
 * runs in its own process through the standalone entry, as it does in a container, so the
 * benchmark's clients and servers do not share its event loop.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ProxyProcess {
  /** `http://127.0.0.1:port` of its API. */
  readonly url: string;
  readonly pid: number;
  /** Resident and peak resident memory of the process (bytes), from /proc (Linux). */
  memory(): { rss: number; peakRss: number };
  stop(): Promise<void>;
}

export async function startProxyProcess(): Promise<ProxyProcess> {
  const entry = fileURLToPath(new URL('../../src/proxy/standalone.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /API listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`proxy exited with ${String(code)}: ${output}`)));
  });
  const pid = child.pid ?? 0;
  const status = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? NaN) * 1024;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    memory: () => ({ rss: status('VmRSS'), peakRss: status('VmHWM') }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Creates a proxy through the API; returns its listening port. */
export async function createProxy(url: string, name: string, upstreamPort: number): Promise<number> {
  const response = await fetch(`${url}/proxies`, {
    method: 'POST',
    body: JSON.stringify({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` }),
  });
  const proxy = (await response.json()) as { listen: string };
  return Number(proxy.listen.slice(proxy.listen.lastIndexOf(':') + 1));
}

/** The value below which `p` % of the values fall. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
