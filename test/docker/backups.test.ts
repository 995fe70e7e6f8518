import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerReady, leftovers, nothingLeft } from './_docker.js';
import { runScenarioObject } from './_run.js';

/**
 * The backup service of the reference stack, on real containers: full backups of the primary on
 * an interval, streamed through the fault proxy into a store on its own volume, prepared there,
 * and a binlog archive following the primary.
 */
describe.skipIf(!dockerReady)('backup service', () => {
  it('should take prepared full backups on its interval and archive binlogs, recording GTIDs and versions', async () => {
    const result = await runScenarioObject({
      name: 'backups',
      stack: { app: { replicas: 1 }, db: { backup: { interval: '4s' } } },
      // No warm-up: a backup every 4 s holds commits for about a second each time (mariadb-backup's
      // commit lock), so latency is never steady by the warm-up's rule, and the run would be void.
      load: { rate: 20, duration: '14s', mix: { read: 0.5, write: 0.5 }, warmup: 0 },
      slo: { lostWrites: 0 },
    });
    expect(result.verdict, result.reason).toBe('passed');
    const backups = result.backups!;
    expect(backups.failed).toEqual([]);
    // One at start-up, then one every 4 s: at least 3 over warm-up and 14 s of load.
    expect(backups.backups.length).toBeGreaterThanOrEqual(3);
    for (const backup of backups.backups) {
      expect(backup.node).toBe('db-1');
      expect(backup.serverVersion).toMatch(/^10\.11\.\d+-MariaDB/);
      expect(backup.toolVersion).toMatch(/^10\.11\.\d+-MariaDB/);
      expect(backup.sizeBytes).toBeGreaterThan(1_000_000);
      expect(backup.binlog?.file).toMatch(/^mariadb-bin\.\d{6}$/);
    }
    // Writes went on between backups: later backups are consistent with later GTIDs.
    const seqnos = backups.backups.map((b) => Number((b.binlog?.gtid ?? '0-1-0').split('-')[2] ?? 0));
    expect([...seqnos].sort((a, b) => a - b)).toEqual(seqnos);
    expect(seqnos.at(-1)!).toBeGreaterThan(seqnos[0]!);
    // The archive streamed from db-1 through its link, and holds the binlog.
    expect(backups.archive).toMatchObject({ enabled: true, running: true, source: expect.stringMatching(/^.+:\d+$/) });
    expect(backups.archive!.files.length).toBeGreaterThanOrEqual(1);
    expect(backups.archive!.files[0]!.bytes).toBeGreaterThan(1000);
    // Journaled as they happened.
    const events = readFileSync(join(result.reportDir, 'journal.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.type === 'backup-ready').map((e) => e.id)).toEqual(backups.backups.map((b) => b.id));
    expect(events.find((e) => e.type === 'binlog-archive')).toMatchObject({ running: true });
    expect(await leftovers(result.runId)).toEqual(nothingLeft);
  });
});
