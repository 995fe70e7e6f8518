import { blackhole, defineScenario, kill } from 'faultline';

/**
 * Semi-sync is not a guarantee: it silently falls back to asynchronous replication when the replica
 * stops acknowledging. At 5 s the replication stream is cut (the binlog events db-1 sends db-2 are
 * dropped on the way, as in db-primary-kill-async). Commits then wait for an acknowledgement that
 * never comes, until either the replica gives up on its silent connection (slave_net_timeout = 4 s;
 * db-1 then has no semi-sync replica and, with rpl_semi_sync_master_wait_no_slave=OFF, stops
 * waiting while Rpl_semi_sync_master_status still says ON — measured ≈ 6 s after the cut) or
 * rpl_semi_sync_master_timeout (10 s) runs out. Either way commits are acknowledged without a
 * replica from then on. 12 s after the cut the primary is killed: every write it acknowledged
 * since the fallback is on no replica, so the failover loses them.
 *
 * PASSED means the loss this scenario demonstrates happened (at least one acknowledged write
 * lost), writes were back within 30 s, and there were never two writable nodes. The journal's
 * `replication-mode` events say when semi-sync stopped protecting commits (before the kill).
 */
export default defineScenario({
  name: 'db-semisync-fallback',
  description: 'Demonstrates a loss: cut the semi-sync replication stream (semi-sync falls back to async), kill the primary 12s later; acknowledged writes are lost.',
  stack: { app: { replicas: 2 }, db: { replication: 'semi-sync' } },
  load: { rate: 100, duration: '28s', mix: { read: 0.5, write: 0.5 }, timeout: '1s' },
  timeline: [
    { at: '5s', fault: blackhole('db-2->db-1', { direction: 'downstream' }) },
    { at: '17s', fault: kill('db-1') },
  ],
  slo: {
    lostWrites: { min: 1 },
    writeOutage: '30s',
    singleWriter: true,
  },
});
