/**
 * The harness's own per-request overhead: how many requests per second faultline's open-loop load
 * path completes against a trivial local HTTP server, beside raw autocannon (closed loop, as fast
 * as it can) on the same server, in one run. Printed as a ratio; absolute numbers depend on the
 * machine and are not asserted anywhere.
 */
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReferenceWorkload } from '../../src/load/http-workload.js';
import { OpenLoopLoad } from '../../src/load/open-loop.js';
import { Outcome } from '../../src/metrics/request-samples.js';
import { percentile } from '../../src/metrics/percentile.js';

const durationS = Number(process.env.BENCH_SECONDS ?? 5);

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const raw = await autocannon({ url: `http://127.0.0.1:${port}/items/seed-1`, connections: 32, duration: durationS });
  const rawRate = raw.requests.total / durationS;

  // Ask faultline for more than the machine can do; what completes ok per second is its ceiling.
  const offered = Math.ceil(rawRate * 1.5);
  const load = new OpenLoopLoad({
    target: { host: '127.0.0.1', port },
    plan: { rate: offered, durationMs: durationS * 1000, readRatio: 1, timeoutMs: 2000, maxConnections: 256 },
    workload: new ReferenceWorkload('bench', 1),
    now: () => performance.now(),
  });
  load.start();
  await load.done;
  const samples = load.store.samples();
  let ok = 0;
  for (let i = 0; i < samples.length; i++) if (samples.outcome[i] === Outcome.ok) ok++;
  const elapsedS = Math.max(...samples.endMs) / 1000;
  const faultlineRate = ok / elapsedS;
  const blocked = Float64Array.from(samples.sentMs, (sent, i) => sent - samples.scheduledMs[i]!).filter((v) => !Number.isNaN(v));

  // And at a realistic scenario rate the generator must keep its schedule.
  const steady = new OpenLoopLoad({
    target: { host: '127.0.0.1', port },
    plan: { rate: 1000, durationMs: durationS * 1000, readRatio: 1, timeoutMs: 1000, maxConnections: 256 },
    workload: new ReferenceWorkload('bench', 1),
    now: () => performance.now(),
  });
  steady.start();
  await steady.done;
  const s = steady.store.samples();
  const lateness = Float64Array.from(s.sentMs, (sent, i) => sent - s.scheduledMs[i]!);

  server.close();
  console.log('load path (trivial local server, one process, same run)');
  console.log(`  raw autocannon, 32 connections, closed loop: ${rawRate.toFixed(0)} req/s`);
  console.log(`  faultline open loop, offered ${offered} req/s:   ${faultlineRate.toFixed(0)} req/s ok (blocked p50 ${percentile(blocked, 0.5).toFixed(1)} ms)`);
  console.log(`  ratio faultline / autocannon: ${(faultlineRate / rawRate).toFixed(2)}`);
  console.log(`  at 1000 req/s: send lateness p50 ${percentile(lateness, 0.5).toFixed(2)} ms, p99 ${percentile(lateness, 0.99).toFixed(2)} ms; ${s.length} requests`);
}

await main();
