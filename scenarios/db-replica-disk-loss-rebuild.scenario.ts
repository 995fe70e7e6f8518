import { defineScenario, diskLoss, rebuild } from 'faultline';

/**
 * A replica rebuild drill. db-1 is the primary, db-2 its asynchronous replica. Under load, db-2's
 * disk is lost, data and binlogs both (container and volumes destroyed). Three seconds later it
 * is rebuilt: a clone of the primary is streamed by mariadb-backup over the db-2->db-1:clone link
 * (through the fault proxy) into new, empty volumes, prepared, started with gtid_slave_pos at the
 * clone's GTID, and attached by the failover controller, which it then catches up with.
 *
 * PASSED means: writes through the load balancer never stopped for more than 2 s (losing a
 * replica is not an outage; the RTO is printed, with the time the rebuild took); no acknowledged
 * write was lost; the rebuilt node replicates again, caught up, with every table sound; and at
 * the end both nodes hold the same data (convergence, checked row by row).
 */
export default defineScenario({
  name: 'db-replica-disk-loss-rebuild',
  description: "Lose the replica db-2's disks under load, rebuild it from the primary and let it rejoin; passes when writes never stop, nothing is lost and the nodes converge.",
  stack: { app: { replicas: 2 }, db: { replication: 'async' } },
  load: { rate: 50, duration: '40s', mix: { read: 0.7, write: 0.3 }, timeout: '1s' },
  timeline: [
    { at: '10s', fault: diskLoss('db-2', { binlog: true }) },
    { at: '13s', fault: rebuild('db-2') },
  ],
  slo: {
    writeOutage: '2s',
    rto: '2s',
    rpo: { lostWrites: 0 },
    restoreVerified: true,
    singleWriter: true,
    convergence: true,
  },
});
