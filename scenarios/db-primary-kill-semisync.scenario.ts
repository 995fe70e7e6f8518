import { defineScenario, kill } from 'faultline';

/**
 * The database primary dies (SIGKILL) under a write-heavy load. With semi-synchronous replication
 * waiting AFTER_SYNC, every write the app acknowledged is already in the replica's relay log, so
 * the failover controller's promotion must lose none of them, and writes must be back well within
 * 30 s. The old primary comes back at the end of the run and must rejoin as a replica.
 */
export default defineScenario({
  name: 'db-primary-kill-semisync',
  description: 'Kill the MariaDB primary under load with semi-sync replication: 0 acknowledged writes lost, write outage ≤ 30s.',
  stack: { app: { replicas: 2 }, db: { replication: 'semi-sync' } },
  load: { rate: 100, duration: '40s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [{ at: '10s', fault: kill('db-1') }],
  slo: {
    lostWrites: 0,
    writeOutage: '30s',
    singleWriter: true,
    convergence: true,
  },
});
