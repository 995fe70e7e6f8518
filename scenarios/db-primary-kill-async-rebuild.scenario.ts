import { blackhole, defineScenario, kill, rebuild } from 'faultline';

/**
 * The async failover of db-primary-kill-async, and what comes after it. The replica's stream is
 * black-holed 2 s before the primary is killed, so the failover to db-2 loses the writes db-1
 * acknowledged in those 2 s. db-1 is started again 5 s after the kill: it still holds those
 * transactions, so the controller keeps it fenced (its rejoin is refused) and the nodes cannot
 * converge. At 25 s db-1 is rebuilt from the new primary: its data is discarded, a clone of db-2
 * is streamed into new volumes, and it rejoins as db-2's replica.
 *
 * PASSED means: acknowledged writes were lost (RPO as a count, `lostWrites: { min: 1 }`: the
 * loss must have happened, else the fault did not bite), writes were back within 30 s of the
 * kill (RTO), there was never more than one writer, the rebuilt db-1 replicates again, caught
 * up, and at the end both nodes hold the same data (convergence).
 */
export default defineScenario({
  name: 'db-primary-kill-async-rebuild',
  description: 'Kill the async primary with a lagging replica (writes are lost), then rebuild the fenced old primary from the new one; passes when the nodes converge again.',
  stack: { app: { replicas: 2 }, db: { replication: 'async' } },
  load: { rate: 100, duration: '50s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [
    { at: '8s', fault: blackhole('db-2->db-1', { direction: 'downstream' }) },
    { at: '10s', fault: kill('db-1', { restartAfter: '5s' }) },
    { at: '25s', fault: rebuild('db-1') },
  ],
  slo: {
    lostWrites: { min: 1 },
    writeOutage: '30s',
    rto: '30s',
    restoreVerified: true,
    singleWriter: true,
    convergence: true,
  },
});
