import { blackhole, defineScenario, kill } from 'faultline';

/**
 * The same primary kill with asynchronous replication, and a replica that has fallen behind: 2 s
 * before the kill its replication stream is black-holed (the binlog events the primary sends it
 * are dropped on the way). Writes the primary acknowledged in those 2 s never reach the replica,
 * so the failover loses them. The scenario reports how many; it gates only on the write outage and
 * on there never being two writable nodes.
 *
 * (A latency toxic would not do: the proxy still delivers what it holds after the kill, and the
 * controller waits for the replica to lose its primary before promoting it.)
 */
export default defineScenario({
  name: 'db-primary-kill-async',
  description: 'Kill the MariaDB primary with async replication and a lagging replica; reports the acknowledged writes lost.',
  stack: { app: { replicas: 2 }, db: { replication: 'async' } },
  load: { rate: 100, duration: '40s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [
    { at: '8s', fault: blackhole('db-2->db-1', { direction: 'downstream' }) },
    { at: '10s', fault: kill('db-1') },
  ],
  slo: {
    writeOutage: '30s',
    singleWriter: true,
  },
});
