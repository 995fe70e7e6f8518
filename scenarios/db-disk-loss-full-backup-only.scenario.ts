import { defineScenario, diskLoss, restore } from 'faultline';

/**
 * The same disk loss as db-disk-loss-pitr, without a binlog archive: the binlogs die with the
 * node (its binlog volume is lost too), so the restore can only bring back the newest full
 * backup. Every write acknowledged after that backup is lost, and the RPO is about the backup's
 * age at the disaster: the number this scenario reports.
 *
 * PASSED means: the restore brought back exactly what the backup held (verified, CHECK TABLE on
 * every table), writes were back within 30 s, and the RPO is what the backup schedule promises
 * (at most one interval, 20 s, plus the time a backup takes). It does not mean nothing was lost.
 */
export default defineScenario({
  name: 'db-disk-loss-full-backup-only',
  description: "Lose db-1's data and binlog disks with full backups only (no binlog archive): the restore brings back the newest backup; RPO ≈ the backup's age, reported.",
  stack: { app: { replicas: 2 }, db: { backup: { interval: '20s', binlogArchive: false } } },
  load: { rate: 50, duration: '40s', mix: { read: 0.7, write: 0.3 }, timeout: '1s' },
  timeline: [
    { at: '15s', fault: diskLoss('db-1', { binlog: true }) },
    { at: '17s', fault: restore('db-1', { to: 'failure' }) },
  ],
  slo: {
    rto: '30s',
    rpo: { time: '25s' },
    restoreVerified: true,
  },
});
