import { describe, expect, it } from 'vitest';
import { lagLevel, lagThresholds, replicationMode } from '../../../src/run/database-watch.js';
import type { SemiSyncStatus } from '../../../src/stack/db-admin.js';

const semiSync = (overrides: Partial<SemiSyncStatus>): SemiSyncStatus => ({
  enabled: true, on: true, waitNoSlave: false, clients: 1, offTimes: 0, acknowledgedTx: 500, unacknowledgedTx: 0, waitingSessions: 0, ...overrides,
});

describe('replicationMode (what the database watch calls the primary\'s replication)', () => {
  it('should call it semi-sync only while commits wait for a connected replica', () => {
    expect(replicationMode(semiSync({}), { unacknowledgedTx: 0 })).toEqual({ mode: 'semi-sync', why: '1 semi-sync replica(s) connected; commits wait for an acknowledgement' });
  });

  it('should call it async when semi-sync is off, timed out, or configured but without a replica to wait for', () => {
    expect(replicationMode(semiSync({ enabled: false, on: false }), undefined).mode).toBe('async');
    expect(replicationMode(semiSync({ on: false, offTimes: 1 }), undefined).why).toContain('Rpl_semi_sync_master_status is OFF');
    // MariaDB with rpl_semi_sync_master_wait_no_slave=OFF (fixtures/db): the status stays ON, yet nothing waits.
    const noReplica = replicationMode(semiSync({ clients: 0 }), undefined);
    expect(noReplica).toMatchObject({ mode: 'async' });
    expect(noReplica.why).toContain('Rpl_semi_sync_master_status still says ON');
    // With wait_no_slave=ON commits do wait (up to the timeout): still semi-sync until the status turns OFF.
    expect(replicationMode(semiSync({ clients: 0, waitNoSlave: true }), undefined).mode).toBe('semi-sync');
  });

  it('should call it async when commits went through unacknowledged since the last sample of the same primary', () => {
    expect(replicationMode(semiSync({ unacknowledgedTx: 3 }), { unacknowledgedTx: 1 })).toEqual({ mode: 'async', why: "2 commit(s) went through without a replica's acknowledgement since the last sample" });
    expect(replicationMode(semiSync({ unacknowledgedTx: 3 }), undefined).mode).toBe('semi-sync');
  });
});

describe('lagLevel (which replica-lag crossings the database watch journals)', () => {
  it('should rise at each threshold', () => {
    expect(lagThresholds).toEqual([10, 100, 1000]);
    expect([0, 9, 10, 99, 100, 5000].map((lag) => lagLevel(lag, 0))).toEqual([0, 0, 10, 10, 100, 1000]);
  });

  it('should leave a level only below half of it, so a lag hovering at a threshold is journaled once', () => {
    expect(lagLevel(9, 10)).toBe(10);
    expect(lagLevel(5, 10)).toBe(10);
    expect(lagLevel(4, 10)).toBe(0);
    expect(lagLevel(60, 100)).toBe(100);
    expect(lagLevel(40, 100)).toBe(10);
    expect(lagLevel(0, 1000)).toBe(0);
  });
});
