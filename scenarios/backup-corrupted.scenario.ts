import { corruptBackup, defineScenario, diskLoss, restore } from 'faultline';

/**
 * A drill must notice a bad backup. db-1 takes one full backup at start-up (the interval is
 * longer than the run); 5 s into the load it is damaged in the store (4 KiB of random bytes
 * inside a page of the ledger table's data file; the backup still reads as ready, as a backup tool
 * would report it). Then db-1's disk is lost and it is restored from that backup.
 *
 * PASSED means the damage was caught, and the detail says by what (the server refusing to start,
 * CHECK TABLE, the replay, or rows and checksums against the reference). A restore that verified
 * as good would fail this scenario: the damage went unnoticed.
 */
export default defineScenario({
  name: 'backup-corrupted',
  description: 'Damage the only backup, lose db-1\'s disk, restore from the damaged backup: passes only when the restore is caught not bringing the data back.',
  stack: { app: { replicas: 1 }, db: { backup: { interval: '1h', binlogArchive: true } } },
  load: { rate: 20, duration: '20s', mix: { read: 0.7, write: 0.3 }, timeout: '1s' },
  timeline: [
    { at: '5s', fault: corruptBackup() },
    { at: '7s', fault: diskLoss('db-1', { binlog: true }) },
    { at: '9s', fault: restore('db-1') },
  ],
  // No database is writable at the end, by design: nothing valid was left to restore from.
  slo: { restoreVerified: 'must-fail', steadyStateAfter: false },
});
