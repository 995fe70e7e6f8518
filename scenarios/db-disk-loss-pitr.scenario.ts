import { defineScenario, diskLoss, restore } from 'faultline';

/**
 * A restore drill, end to end. db-1 (a single primary) takes a full backup every 20 s into the
 * backup store, which also streams its binary logs as they are written. Under load, db-1's disk
 * is lost, data and binlogs both: the container and both volumes are destroyed (after a snapshot
 * of its tables under a read lock, the reference the restore is checked against). Two seconds later
 * (the time someone takes to notice and start the drill) it is restored on new, empty volumes
 * from the newest backup, the archive is replayed to the last archived transaction, the data is
 * verified (CHECK TABLE on every table, and rows and checksums against the reference taken when
 * the disaster hit, when the restore reached the same GTID), and the node is made writable again.
 *
 * PASSED means: the restore brought the data back; writes through the load balancer were back
 * within 30 s of the disaster (RTO, printed with its breakdown by phase); and no more than 2 s of
 * acknowledged writes were lost (RPO: the archive follows the primary within a second).
 */
export default defineScenario({
  name: 'db-disk-loss-pitr',
  description: "Lose db-1's data and binlog disks under load; restore the newest full backup and replay the binlog archive to the failure point. Passes when the data is verified, RTO ≤ 30s and RPO ≤ 2s.",
  stack: { app: { replicas: 2 }, db: { backup: { interval: '20s', binlogArchive: true } } },
  load: { rate: 50, duration: '40s', mix: { read: 0.7, write: 0.3 }, timeout: '1s' },
  timeline: [
    { at: '15s', fault: diskLoss('db-1', { binlog: true }) },
    { at: '17s', fault: restore('db-1', { to: 'failure' }) },
  ],
  slo: {
    rto: '30s',
    rpo: { time: '2s' },
    restoreVerified: true,
  },
});
