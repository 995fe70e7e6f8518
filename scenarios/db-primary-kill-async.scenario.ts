import { defineScenario, kill, latency } from 'faultline';

/**
 * The same primary kill with asynchronous replication, and a replica that has fallen behind (300 ms
 * of latency on its replication link): writes the primary acknowledged but had not yet shipped are
 * lost by the failover. The scenario reports how many; it gates only on the write outage and on
 * there never being two writable nodes.
 */
export default defineScenario({
  name: 'db-primary-kill-async',
  description: 'Kill the MariaDB primary with async replication and a lagging replica; reports the acknowledged writes lost.',
  stack: { app: { replicas: 2 }, db: { replication: 'async' } },
  load: { rate: 100, duration: '40s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [
    { at: '5s', fault: latency('db-2->db-1', 300, { duration: '10s' }) },
    { at: '10s', fault: kill('db-1') },
  ],
  slo: {
    writeOutage: '30s',
    singleWriter: true,
  },
});
