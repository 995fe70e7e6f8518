import { defineScenario, isolate } from 'faultline';

/**
 * The primary is cut off from the network (Docker network disconnect: apps, replica and controller
 * all lose it). It must fence itself (its lease lapses), the controller must promote the replica,
 * and after the heal the old primary must take no writes: never two writable nodes, nothing
 * acknowledged lost, and the nodes converge.
 */
export default defineScenario({
  name: 'db-primary-isolate',
  description: 'Isolate the MariaDB primary for 15s: the controller promotes the replica; no split brain, nothing lost after the heal.',
  stack: { app: { replicas: 2 }, db: { replication: 'semi-sync' } },
  load: { rate: 100, duration: '45s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [{ at: '10s', fault: isolate('db-1', { duration: '15s' }) }],
  slo: {
    lostWrites: 0,
    writeOutage: '30s',
    singleWriter: true,
    convergence: true,
  },
});
