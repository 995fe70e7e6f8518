/**
 * The harness's own per-request overhead: the highest arrival rate faultline's open-loop load
 * path sustains against a trivial local HTTP server (≥ 99.9 % ok, sends no more than 20 ms late at
 * p99), beside raw autocannon (closed loop, as fast as it can) on the same server, in one run.
 * Printed as a ratio; absolute numbers depend on the machine and are not asserted anywhere.
 */
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReferenceWorkload } from '../../src/load/http-workload.js';
import { OpenLoopLoad } from '../../src/load/open-loop.js';
import { percentile } from '../../src/metrics/percentile.js';
import { Outcome } from '../../src/metrics/request-samples.js';

const stepSeconds = Number(process.env.BENCH_SECONDS ?? 3);
const rates = [1000, 2000, 3000, 4000, 6000, 8000, 10_000, 12_000, 16_000];

async function step(port: number, rate: number): Promise<{ okShare: number; lateP99: number }> {
  const load = new OpenLoopLoad({
    target: { host: '127.0.0.1', port },
    plan: { rate, durationMs: stepSeconds * 1000, readRatio: 1, timeoutMs: 1000, maxConnections: 512, warmup: undefined, lateToleranceMs: 100 },
    workload: new ReferenceWorkload('bench', 1),
    now: () => performance.now(),
  });
  load.start();
  await load.done;
  const s = load.store.samples();
  let ok = 0;
  for (let i = 0; i < s.length; i++) if (s.outcome[i] === Outcome.ok) ok++;
  const late = Float64Array.from(s.sentMs, (sent, i) => (Number.isNaN(sent) ? 1000 : sent - s.scheduledMs[i]!));
  return { okShare: ok / s.length, lateP99: percentile(late, 0.99) };
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const raw = await autocannon({ url: `http://127.0.0.1:${port}/items/seed-1`, connections: 32, duration: stepSeconds * 2 });
  const rawRate = raw.requests.total / (stepSeconds * 2);

  let sustained = 0;
  console.log('load path (trivial local server, one process, same run)');
  for (const rate of rates) {
    const result = await step(port, rate);
    const holds = result.okShare >= 0.999 && result.lateP99 <= 20;
    console.log(`  open loop at ${String(rate).padStart(6)} req/s: ${(result.okShare * 100).toFixed(2)}% ok, send lateness p99 ${result.lateP99.toFixed(1)} ms ${holds ? '' : '← not sustained'}`);
    if (!holds) break;
    sustained = rate;
  }
  server.close();
  console.log(`  raw autocannon, 32 connections, closed loop: ${rawRate.toFixed(0)} req/s`);
  console.log(`  faultline open loop, highest sustained rate: ${sustained} req/s`);
  console.log(`  ratio faultline / autocannon: ${(sustained / rawRate).toFixed(2)}`);
}

await main();
