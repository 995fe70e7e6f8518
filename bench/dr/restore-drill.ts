/**
 * A restore drill on a database of a few hundred MB (BENCH_DB_MB, default 300): its RTO broken
 * down by phase, and the restore's throughput beside a plain `cp -a` of the same data directory
 * on the same machine, in one run. Printed as figures and a ratio; nothing is asserted.
 *
 * The plain copy reads a live data directory from the page cache, as the restore's fetch reads
 * the prepared backup from the store's; both write into a fresh directory on the same disk. The
 * restore also streams through the fault proxy and runs mariadb-backup --copy-back, which is the
 * price being measured.
 */
import { DrillLog } from '../../src/dr/drill-log.js';
import type { DiskLossFaultPlan } from '../../src/faults/kinds/disk-loss.js';
import { createFault } from '../../src/faults/registry.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { ServiceHandle } from '../../src/runtime/runtime.js';
import { waitUntil } from '../../src/runtime/wait-until.js';
import { sql } from '../../src/stack/db-admin.js';
import { imagesNeeded } from '../../src/stack/images-needed.js';
import { NodeStorage } from '../../src/stack/node-storage.js';
import { startReferenceStack } from '../../src/stack/reference-stack.js';

const targetMb = Number(process.env.BENCH_DB_MB ?? 300);
const runId = `bench-restore-${process.pid}`;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const rate = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

async function shell(service: ServiceHandle, script: string): Promise<string> {
  const result = await service.exec(['bash', '-c', script]);
  if (result.exitCode !== 0) throw new Error(`${service.name}: ${script}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Milliseconds and bytes of `cp -a` of the data directory into a fresh directory, on the node itself. */
async function plainCopy(db: ServiceHandle): Promise<{ ms: number; bytes: number }> {
  const out = await shell(db, 'rm -rf /var/lib/mysql-binlog/plain-copy; sync; t0=$(date +%s%N); cp -a /var/lib/mysql /var/lib/mysql-binlog/plain-copy; sync; t1=$(date +%s%N); '
    + 'echo $(( (t1 - t0) / 1000000 )) $(du -sb /var/lib/mysql-binlog/plain-copy | cut -f1); rm -rf /var/lib/mysql-binlog/plain-copy');
  const [ms, bytes] = out.split(/\s+/).map(Number);
  return { ms: ms!, bytes: bytes! };
}

async function main(): Promise<void> {
  const resolved = resolveScenario({ name: 'bench-restore', stack: { app: { replicas: 1 }, db: { backup: { interval: '30s', binlogArchive: true } } }, load: { rate: 1, duration: '60s' } });
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  const plan = resolved.plan.stack;
  const runtime = new DockerRuntime();
  const env = await runtime.createRun(runId);
  const began = performance.now();
  const loadMs = (): number => performance.now() - began;
  try {
    const images = await runtime.prepareImages(imagesNeeded(plan));
    const stack = await startReferenceStack(plan, images, env);
    const db = stack.services.get('db-1')!;

    // A few hundred MB of rows (about 1 KB each), one statement per 50,000 rows.
    const rows = Math.round((targetMb * 1e6) / 1100);
    const fillStart = performance.now();
    await sql(db, 'CREATE TABLE faultline.bulk (id INT PRIMARY KEY, payload VARCHAR(1024)) ENGINE=InnoDB');
    for (let from = 1; from <= rows; from += 50_000) {
      await sql(db, `INSERT INTO faultline.bulk SELECT seq, REPEAT(MD5(seq), 32) FROM faultline.seq_${from}_to_${Math.min(rows, from + 49_999)}`);
    }
    const [[gtid = ''] = []] = await sql(db, 'SELECT @@GLOBAL.gtid_binlog_pos');
    console.log(`  filled ${rows} rows in ${((performance.now() - fillStart) / 1000).toFixed(1)} s; waiting for a backup at ${gtid}`);
    await waitUntil('a backup holding every row', async () => (await stack.backupStore!.backups()).ready.some((b) => b.binlog?.gtid === gtid), { timeoutMs: 300_000, intervalMs: 1000 });
    const backup = (await stack.backupStore!.backups()).ready.find((b) => b.binlog?.gtid === gtid)!;
    const copy = await plainCopy(db);

    const storage = new NodeStorage();
    const drills = new DrillLog({
      env, stack: plan, images, storage, store: stack.backupStore, services: stack.services,
      loadMs, loadMsOfWall: (wallMs) => wallMs - (Date.now() - loadMs()), onEvent: () => undefined,
    });
    const loss: DiskLossFaultPlan = { id: 'loss', kind: 'disk-loss', target: 'db-1', services: ['db-1'], atMs: 0, durationMs: undefined, binlog: true, label: 'disk loss on db-1' };
    const fault = createFault(loss, {
      service: (name) => stack.services.get(name)!,
      storage: { volumesOf: (node) => storage.volumesOf(node), destroyVolume: (name) => env.destroyVolume(name), volumes: () => env.volumes() },
      drills,
    });
    await fault.inject();
    const report = await drills.restore('restore', 'db-1', { from: backup.id, to: 'failure', as: 'primary' });
    if (!report.ok) throw new Error(`the restore failed: ${report.problems.join('; ')}`);
    // Re-route: the first write through the load balancer after the node became writable.
    const restoredAt = loadMs();
    await waitUntil('a write through the load balancer', async () => {
      const response = await fetch(`http://${stack.entry.host}:${stack.entry.port}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `${runId}-after`, value: 'after' }), signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      return response !== undefined && response.status < 300;
    }, { timeoutMs: 60_000, intervalMs: 20 });
    const reroute = loadMs() - restoredAt;

    const phases = report.phases.filter((p) => p.name !== 'detect');
    const ms = (name: string): number => { const p = phases.find((x) => x.name === name); return p ? p.endMs - p.startMs : 0; };
    const total = phases.reduce((sum, p) => sum + (p.endMs - p.startMs), 0) + reroute;
    const restoreBytes = backup.sizeBytes;
    const restoreMs = ms('fetch') + ms('copy-back');
    console.log(`restore drill, database of ${mb(copy.bytes)} (backup ${mb(restoreBytes)}, streamed in ${(backup.streamMs / 1000).toFixed(1)} s, prepared in ${(backup.prepareMs / 1000).toFixed(1)} s)`);
    console.log(`  RTO without detection: ${(total / 1000).toFixed(2)} s = ${[...phases.map((p) => `${p.name} ${((p.endMs - p.startMs) / 1000).toFixed(2)} s`), `re-route ${(reroute / 1000).toFixed(2)} s`].join(' + ')}`);
    console.log(`  restore (fetch + copy-back): ${mb(restoreBytes)} in ${(restoreMs / 1000).toFixed(2)} s = ${rate(restoreBytes, restoreMs)}`);
    console.log(`  plain cp -a of the data directory: ${mb(copy.bytes)} in ${(copy.ms / 1000).toFixed(2)} s = ${rate(copy.bytes, copy.ms)}`);
    console.log(`  ratio: the restore moves data at ${((restoreBytes / restoreMs) / (copy.bytes / copy.ms)).toFixed(2)}× the speed of a plain copy`);
  } finally {
    await env.teardown();
  }
}

await main();
