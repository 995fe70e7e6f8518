import { blackhole, defineScenario, kill } from 'faultline';

/**
 * Demonstrates a loss. The same primary kill with asynchronous replication, and a replica that has
 * fallen behind: 2 s before the kill its replication stream is black-holed (the binlog events the
 * primary sends it are dropped on the way). Writes the primary acknowledged in those 2 s never
 * reach the replica, so the failover loses them.
 *
 * PASSED means exactly that: at least one acknowledged write was lost (the objective
 * `lostWrites: { min: 1 }`, which fails if the loss did not happen, e.g. because the fault did not
 * bite), no write reported failed is in the database, writes were back within 30 s, and there were
 * never two writable nodes. It does not mean nothing was lost. The nodes do not converge afterwards
 * either (the old primary holds the lost transactions and is left fenced), so convergence is not
 * an objective.
 *
 * (A latency toxic would not do: the proxy still delivers what it holds after the kill, and the
 * controller waits for the replica to lose its primary before promoting it.)
 */
export default defineScenario({
  name: 'db-primary-kill-async',
  description: 'Demonstrates a loss: kill the MariaDB primary with async replication and a lagging replica; passes when acknowledged writes are lost, writes return within 30s and there is one writer.',
  stack: { app: { replicas: 2 }, db: { replication: 'async' } },
  load: { rate: 100, duration: '40s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [
    { at: '8s', fault: blackhole('db-2->db-1', { direction: 'downstream' }) },
    { at: '10s', fault: kill('db-1') },
  ],
  slo: {
    lostWrites: { min: 1 },
    writeOutage: '30s',
    singleWriter: true,
  },
});
