import { describe, expect, it } from 'vitest';
import { drillFigures } from '../../../src/dr/drill-figures.js';
import type { RebuildReport, RestoreReport } from '../../../src/dr/drill-types.js';
import type { LedgerResult } from '../../../src/ledger/check-ledger.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { OutageSummary } from '../../../src/metrics/outage-windows.js';

// Writes every 100 ms; the disaster at 1000 ms; writes fail until the restore, ok again from 5000 ms.
const rows = Array.from({ length: 80 }, (_, i) => {
  const at = i * 100;
  const failing = at >= 1000 && at < 5000;
  return { scheduledMs: at, endMs: at + 5, outcome: failing ? 'fail' as const : 'ok' as const, op: 'write' as const };
});
const samples = samplesFromRows(rows);
const restore: RestoreReport = {
  kind: 'restore', role: 'primary', faultId: 'fault-2', node: 'db-1', disaster: { node: 'db-1', faultId: 'fault-1', atMs: 1000, reference: undefined, binlogLost: true },
  backup: { id: 'full-1', gtid: '0-1-3', readyAtLoadMs: 200, ageAtDisasterMs: 900 }, source: 'archive', targetGtid: '0-1-9', reachedGtid: '0-1-9', lastAvailableGtid: '0-1-9',
  phases: [
    { name: 'detect', startMs: 1000, endMs: 3000, detail: '' }, { name: 'provision', startMs: 3000, endMs: 3100, detail: '' },
    { name: 'start', startMs: 3100, endMs: 4500, detail: '' }, { name: 'promote', startMs: 4500, endMs: 4600, detail: '' },
  ],
  tables: [], ok: true, problems: [],
};
const writeOutages: OutageSummary = { windows: [{ startMs: 1000, endMs: 5005, durationMs: 4005, failed: 40, unknown: 0, ok: 0, ongoing: false }], longestMs: 4005, totalMs: 4005, resolutionMs: 10, sustainMs: 250 };
const ledger = (lost: number[]): LedgerResult => ({ attempted: 80, acknowledged: 40, confirmed: 40 - lost.length, lost, unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [] });

describe('drill figures', () => {
  it('should measure RTO from the disaster to the end of the write outage it opened, broken down by phase plus re-route', () => {
    const [figures] = drillFigures({ recoveries: [restore], samples, runTag: 'r', ledger: ledger([]), writeOutages });
    expect(figures!.rtoMs).toBe(4005);
    expect(figures!.breakdown).toEqual([
      { name: 'detect', ms: 2000 }, { name: 'provision', ms: 100 }, { name: 'start', ms: 1400 }, { name: 'promote', ms: 100 }, { name: 're-route', ms: 405 },
    ]);
    expect(figures!.breakdown.reduce((sum, p) => sum + p.ms, 0)).toBe(figures!.rtoMs);
    expect(figures!.backupAgeMs).toBe(900);
  });

  it('should measure RPO as the time since the newest acknowledged write present, and count and list the lost ones', () => {
    // Nothing lost: the newest write acknowledged before the disaster was answered at 905 ms.
    expect(drillFigures({ recoveries: [restore], samples, runTag: 'r', ledger: ledger([]), writeOutages })[0]).toMatchObject({ rpoMs: 95, rpoCount: 0, lostIds: [] });
    // The last three writes before the disaster (answered at 705, 805, 905 ms) lost.
    expect(drillFigures({ recoveries: [restore], samples, runTag: 'r', ledger: ledger([9, 7, 8]), writeOutages })[0]).toMatchObject({ rpoMs: 395, rpoCount: 3, lostIds: ['r-7', 'r-8', 'r-9'] });
  });

  it('should have no RTO when writes never recovered, and no RPO without a ledger', () => {
    const ongoing = { ...writeOutages, windows: [{ ...writeOutages.windows[0]!, ongoing: true }] };
    expect(drillFigures({ recoveries: [restore], samples, runTag: 'r', ledger: undefined, writeOutages: ongoing })[0]).toMatchObject({ rtoMs: null, rpoMs: null });
  });

  it('should give a rebuild of a lost replica an RTO of 0 when writes never stopped, and time the node back from the disaster', () => {
    const rebuild: RebuildReport = {
      kind: 'rebuild', faultId: 'fault-2', node: 'db-2', disaster: { node: 'db-2', faultId: 'fault-1', atMs: 1000, reference: undefined, binlogLost: false },
      source: 'db-1', cloneBytes: 1000, cloneGtid: '0-1-5', caughtUpGtid: '0-1-9',
      phases: [{ name: 'detect', startMs: 1000, endMs: 2000, detail: '' }, { name: 'rejoin', startMs: 2000, endMs: 6500, detail: '' }],
      tables: [], ok: true, problems: [],
    };
    // An outage that opens after the rebuild began (7 s: the clone's commit lock) is not the disaster's.
    const later: OutageSummary = { ...writeOutages, windows: [{ ...writeOutages.windows[0]!, startMs: 7000, endMs: 7500 }] };
    const [figures] = drillFigures({ recoveries: [rebuild], samples, runTag: 'r', ledger: ledger([]), writeOutages: later });
    expect(figures).toMatchObject({ kind: 'rebuild', rtoMs: 0, breakdown: [], recoveredInMs: 5500, backupAgeMs: null, rpoCount: 0 });
    // Writes that stopped with the disaster (a killed primary, then failover) are its RTO.
    expect(drillFigures({ recoveries: [rebuild], samples, runTag: 'r', ledger: ledger([]), writeOutages })[0]).toMatchObject({ rtoMs: 4005, breakdown: [{ name: 'write outage', ms: 4005 }] });
  });
});
