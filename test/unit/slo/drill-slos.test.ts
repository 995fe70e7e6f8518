import { describe, expect, it } from 'vitest';
import type { DrillFigures } from '../../../src/dr/drill-figures.js';
import { evaluateDataSlos } from '../../../src/slo/slo-eval.js';
import type { LedgerResult } from '../../../src/ledger/check-ledger.js';
import { sloPlan } from '../_plans.js';

const ledger: LedgerResult = { attempted: 10, acknowledged: 10, confirmed: 10, lost: [], unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [] };
const drill = (overrides: Partial<DrillFigures> = {}, ok = true): DrillFigures => ({
  faultId: 'fault-2', kind: 'restore', node: 'db-1', disasterAtMs: 1000, recoveredInMs: 3900, rtoMs: 4000, rpoMs: 300, rpoCount: 0, lostIds: [], backupAgeMs: 5000,
  breakdown: [{ name: 'detect', ms: 2000 }, { name: 'start', ms: 1900 }, { name: 're-route', ms: 100 }],
  recovery: { kind: 'restore', role: 'primary', faultId: 'fault-2', node: 'db-1', disaster: undefined, backup: undefined, source: 'archive', targetGtid: '0-1-9', reachedGtid: ok ? '0-1-9' : '0-1-3', lastAvailableGtid: '0-1-9', phases: [], tables: [], ok, problems: ok ? [] : ['the restore stopped short of its target: the node is at GTID 0-1-3, the target was 0-1-9'] },
  ...overrides,
});
const planned = [{ id: 'fault-2', label: 'restore db-1', kind: 'restore' as const }];
const checks = { writeOutages: undefined, writesIssued: 10, ledger, singleWriter: undefined, convergence: undefined, recoveriesPlanned: planned };
const judge = (slo: Parameters<typeof sloPlan>[0], drills: DrillFigures[]) => evaluateDataSlos(sloPlan(slo), { ...checks, drills });

describe('drill objectives', () => {
  it('should pass RTO and RPO within their limits and give the breakdown', () => {
    const results = judge({ rtoMaxMs: 30_000, rpo: { maxMs: 2000, maxLost: 0 } }, [drill()]);
    expect(results.find((r) => r.id === 'rto')).toMatchObject({ status: 'pass', actual: 4000, detail: 'db-1: 4s from the disaster to sustained writes = detect 2s + start 1.9s + re-route 100ms' });
    expect(results.find((r) => r.id === 'rpo')).toMatchObject({ status: 'pass', actual: 300 });
    expect(results.find((r) => r.id === 'restore-verified')).toMatchObject({ status: 'pass' });
  });

  it('should fail the drill when the restore stopped short, and when writes never came back', () => {
    const results = judge({ rtoMaxMs: 30_000 }, [drill({ rtoMs: null }, false)]);
    expect(results.find((r) => r.id === 'restore-verified')).toMatchObject({ status: 'fail', detail: expect.stringContaining('stopped short of its target') });
    expect(results.find((r) => r.id === 'rto')).toMatchObject({ status: 'fail', detail: expect.stringContaining('never recovered') });
  });

  it('should fail every drill objective when a planned restore never happened', () => {
    const results = judge({ rtoMaxMs: 30_000, rpo: { maxMs: 2000, maxLost: undefined } }, []);
    expect(results.map((r) => [r.id, r.status])).toEqual([['restore-verified', 'fail'], ['rto', 'fail'], ['rpo', 'fail']]);
  });

  it('should fail RPO beyond its limits, naming the lost writes', () => {
    const [rpo] = judge({ restoreVerified: false, rpo: { maxMs: undefined, maxLost: 0 } }, [drill({ rpoCount: 2, lostIds: ['r-7', 'r-8'] })]);
    expect(rpo).toMatchObject({ id: 'rpo', status: 'fail', actual: 2, detail: expect.stringContaining('(r-7, r-8)') });
  });

  it("should pass 'must-fail' only when the restore was caught, and fail it when a damaged backup verified as good", () => {
    expect(judge({ restoreVerified: 'must-fail' }, [drill({}, false)])[0]).toMatchObject({ status: 'pass', detail: expect.stringContaining('caught') });
    expect(judge({ restoreVerified: 'must-fail' }, [drill({}, true)])[0]).toMatchObject({ status: 'fail', detail: expect.stringContaining('the damage went unnoticed') });
  });
});
