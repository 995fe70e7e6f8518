import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillFigures } from '../../src/dr/drill-figures.js';
import { DrillLog } from '../../src/dr/drill-log.js';
import type { DiskLossFaultPlan } from '../../src/faults/kinds/disk-loss.js';
import type { FaultContext } from '../../src/faults/fault.js';
import { createFault } from '../../src/faults/registry.js';
import { checkLedger } from '../../src/ledger/check-ledger.js';
import { samplesFromRows } from '../../src/metrics/request-samples.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { PreparedImages, RunEnvironment } from '../../src/runtime/runtime.js';
import { sql } from '../../src/stack/db-admin.js';
import { imagesNeeded } from '../../src/stack/images-needed.js';
import { NodeStorage } from '../../src/stack/node-storage.js';
import { startReferenceStack, type StartedStack } from '../../src/stack/reference-stack.js';
import { waitUntil } from '../../src/runtime/wait-until.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

/**
 * Ground truth for restore drills: rows written one transaction each at known times, with the
 * GTID of each; a backup after the first ten; ten more; the disk (data and binlogs) destroyed;
 * then a restore to a chosen GTID from the backup and the binlog archive. Exactly the rows after
 * the target must be missing, and the measured RPO must be the known one: its count exactly, its
 * time to the millisecond (the clock is the test's own).
 */
describe.skipIf(!dockerReady)('restore drills against ground truth', () => {
  const runId = `test-restore-${process.pid}`;
  const began = performance.now();
  const loadMs = (): number => performance.now() - began;
  let env: RunEnvironment;
  let stack: StartedStack;
  let prepared: PreparedImages;
  const storage = new NodeStorage();
  const events: { type: string; data: Record<string, unknown> }[] = [];
  /** Known writes: their index (id `${runId}-${i}`), when they were answered, and their GTID. */
  const written: { index: number; atMs: number; gtid: string }[] = [];

  const resolved = resolveScenario({ name: 'restore-truth', stack: { app: { replicas: 1 }, db: { backup: { interval: '1h', binlogArchive: true } } }, load: { rate: 1, duration: '60s' } });
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  const plan = resolved.plan.stack;

  const drillsFor = (): DrillLog => new DrillLog({
    env, stack: plan, images: prepared, storage, store: stack.backupStore!, services: stack.services,
    loadMs, loadMsOfWall: (wallMs) => wallMs - (Date.now() - loadMs()), onEvent: (type, data) => events.push({ type, data }),
  });
  const contextFor = (drills: DrillLog): FaultContext => ({
    service: (name) => stack.services.get(name)!,
    storage: { volumesOf: (node) => storage.volumesOf(node), destroyVolume: (name) => env.destroyVolume(name), volumes: () => env.volumes() },
    drills,
  });
  const write = async (index: number): Promise<void> => {
    const db = stack.services.get('db-1')!;
    const [[gtid] = []] = await sql(db, `INSERT INTO faultline.items (id, value) VALUES ('${runId}-${index}', 'value ${index}'); SELECT @@GLOBAL.gtid_binlog_pos`);
    written.push({ index, atMs: loadMs(), gtid: gtid! });
  };
  const lossPlan = (id: string, binlog: boolean): DiskLossFaultPlan => ({ id, kind: 'disk-loss', target: 'db-1', services: ['db-1'], atMs: 0, durationMs: undefined, binlog, label: `disk loss on db-1 (${binlog ? 'data and binlog' : 'data'})` });
  const presentIds = async (): Promise<string[]> =>
    (await sql(stack.services.get('db-1')!, `SELECT id FROM faultline.items WHERE id LIKE '${runId}-%'`)).map((row) => row[0]!);

  beforeAll(async () => {
    env = await new DockerRuntime().createRun(runId);
    prepared = await images(imagesNeeded(plan));
    stack = await startReferenceStack(plan, prepared, env);
    // The first backup is taken as soon as db-1 is the writable primary (startReferenceStack made it so).
    await waitUntil('the first backup', async () => (await stack.backupStore!.backups()).ready.length >= 1, { timeoutMs: 60_000, intervalMs: 250 });
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });

  it('should restore exactly the rows up to the chosen GTID, and measure the RPO that was lost', async () => {
    // The backup was taken before any of these writes; its GTID is their starting point.
    const [backup] = (await stack.backupStore!.backups()).ready;
    for (let i = 0; i < 20; i++) await write(i);
    const target = written[11]!; // keep rows 0..11, lose 12..19
    await waitUntil('the archive holds every write', async () => (await stack.backupStore!.lastArchived()).gtid === written.at(-1)!.gtid, { timeoutMs: 10_000, intervalMs: 100 });

    const drills = drillsFor();
    const loss = createFault(lossPlan('fault-1', true), contextFor(drills));
    await loss.inject();
    expect((await loss.verify()).verified).toBe(true);
    const disaster = drills.disasterOn('db-1')!;
    // The reference was read under a lock as the disaster hit: all 20 rows, at the last GTID.
    expect(disaster.reference?.gtid).toBe(written.at(-1)!.gtid);

    const report = await drills.restore('fault-2', 'db-1', { from: 'latest', to: { gtid: target.gtid }, as: 'primary' });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, source: 'archive', targetGtid: target.gtid, reachedGtid: target.gtid, backup: { id: backup!.id } });
    expect(report.phases.map((p) => p.name)).toEqual(['detect', 'provision', 'fetch', 'copy-back', 'start', 'replay', 'verify', 'promote']);
    // Exactly the rows after the target are missing.
    const expected = written.filter((w) => w.index <= 11).map((w) => `${runId}-${w.index}`).sort();
    expect((await presentIds()).sort()).toEqual(expected);
    // At another GTID than the reference, checksums cannot be compared; every table says so.
    expect(report.tables.length).toBeGreaterThanOrEqual(1);
    expect(report.tables.every((t) => t.reference === 'no-reference' && t.check === 'OK')).toBe(true);

    // The measured RPO is the known one: 8 acknowledged writes, and the time since write 11.
    const samples = samplesFromRows(written.map((w) => ({ scheduledMs: w.atMs, endMs: w.atMs, outcome: 'ok' as const, op: 'write' as const })));
    const ledger = checkLedger(samples, runId, await presentIds());
    const [figures] = drillFigures({ recoveries: [report], samples, runTag: runId, ledger, writeOutages: undefined });
    expect(figures!.rpoCount).toBe(8);
    expect(figures!.lostIds).toEqual(written.filter((w) => w.index > 11).map((w) => `${runId}-${w.index}`));
    expect(figures!.rpoMs).toBe(Math.round(disaster.atMs - target.atMs));
    // The restored node takes writes again.
    await write(100);
  }, 240_000);

  it('should restore to the failure point from the lost node\'s own binlogs, matching the reference rows and checksums exactly', async () => {
    for (let i = 200; i < 205; i++) await write(i);
    const drills = drillsFor();
    const loss = createFault(lossPlan('fault-3', false), contextFor(drills));
    await loss.inject();
    const report = await drills.restore('fault-4', 'db-1', { from: 'latest', to: 'failure', as: 'primary' });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, source: 'local', reachedGtid: written.at(-1)!.gtid });
    expect(report.tables.every((t) => t.reference === 'match')).toBe(true);
    // Rows 0..11 (the first restore's), 100 and 200..204: the reference's, nothing else.
    const kept = written.filter((w) => w.index <= 11 || w.index >= 100).map((w) => `${runId}-${w.index}`).sort();
    expect((await presentIds()).sort()).toEqual(kept);
  }, 240_000);

  it('should restore a backup with nothing to replay after it at the backup\'s own GTID, and carry on from it', async () => {
    // A restored primary backs up as soon as it is writable: the newest backup is at the node's
    // current GTID, past the first writes, with nothing written after it.
    const [[current = ''] = []] = await sql(stack.services.get('db-1')!, 'SELECT @@GLOBAL.gtid_binlog_pos');
    expect(current).not.toBe('');
    await waitUntil('a backup at the current GTID', async () => (await stack.backupStore!.backups()).ready.some((b) => b.binlog?.gtid === current), { timeoutMs: 30_000, intervalMs: 250 });
    const backup = (await stack.backupStore!.backups()).ready.find((b) => b.binlog?.gtid === current);
    const drills = drillsFor();
    const loss = createFault(lossPlan('fault-7', true), contextFor(drills));
    await loss.inject();
    const report = await drills.restore('fault-8', 'db-1', { from: backup!.id, to: { gtid: backup!.binlog!.gtid }, as: 'primary' });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, reachedGtid: backup!.binlog!.gtid });
    // The next write gets the GTID after the backup's, not one its history already had.
    await write(300);
    expect(written.at(-1)!.gtid).toBe(current.replace(/-(\d+)$/, (_, seq: string) => `-${Number(seq) + 1}`));
  }, 240_000);

  it('should fail loudly when the target is beyond what the binlogs hold', async () => {
    const drills = drillsFor();
    const loss = createFault(lossPlan('fault-5', true), contextFor(drills));
    await loss.inject();
    const report = await drills.restore('fault-6', 'db-1', { from: 'latest', to: { gtid: '0-1-999999' }, as: 'primary' });
    expect(report.ok).toBe(false);
    expect(report.problems.join('; ')).toContain('the target GTID 0-1-999999 is beyond what the archive holds');
  }, 240_000);
});
