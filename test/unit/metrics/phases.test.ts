import { describe, expect, it } from 'vitest';
import { PhaseCode, phaseColumn, splitPhases } from '../../../src/metrics/phases.js';
import { samples } from './_history.js';

const pause = { id: 'fault-1', atMs: 4000, durationMs: 3000 };

describe('splitPhases', () => {
  it('should make the whole run "before" when there are no faults', () => {
    expect(splitPhases([], [], 10_000)).toEqual([{ phase: 'before', fromMs: 0, toMs: 10_000 }]);
  });

  it('should end "during" at the fault end when it recovered sooner', () => {
    expect(splitPhases([pause], [{ faultId: 'fault-1', finalRecoveryMs: 2025 }], 10_000)).toEqual([
      { phase: 'before', fromMs: 0, toMs: 4000 },
      { phase: 'during', faultId: 'fault-1', fromMs: 4000, toMs: 7000 },
      { phase: 'after', faultId: 'fault-1', fromMs: 7000, toMs: 10_000 },
    ]);
  });

  it('should end "during" at sustained recovery when that comes after the fault ends', () => {
    const kill = { id: 'fault-1', atMs: 2000, durationMs: undefined };
    expect(splitPhases([kill], [{ faultId: 'fault-1', finalRecoveryMs: 1500 }], 6000)).toEqual([
      { phase: 'before', fromMs: 0, toMs: 2000 },
      { phase: 'during', faultId: 'fault-1', fromMs: 2000, toMs: 3500 },
      { phase: 'after', faultId: 'fault-1', fromMs: 3500, toMs: 6000 },
    ]);
  });

  it('should run "during" to the end of the data when the fault never recovered', () => {
    expect(splitPhases([pause], [{ faultId: 'fault-1', finalRecoveryMs: null }], 10_000)).toEqual([
      { phase: 'before', fromMs: 0, toMs: 4000 },
      { phase: 'during', faultId: 'fault-1', fromMs: 4000, toMs: 10_000 },
    ]);
  });

  it('should cut a "during" at the next fault and leave out empty spans', () => {
    const faults = [
      { id: 'b', atMs: 5000, durationMs: 1000 },
      { id: 'a', atMs: 0, durationMs: 8000 },
    ];
    const recoveries = [
      { faultId: 'a', finalRecoveryMs: 100 },
      { faultId: 'b', finalRecoveryMs: 0 },
    ];
    expect(splitPhases(faults, recoveries, 9000)).toEqual([
      { phase: 'during', faultId: 'a', fromMs: 0, toMs: 5000 },
      { phase: 'during', faultId: 'b', fromMs: 5000, toMs: 6000 },
      { phase: 'after', faultId: 'b', fromMs: 6000, toMs: 9000 },
    ]);
  });
});

describe('phaseColumn', () => {
  it('should give each request the phase it was scheduled in, whatever the row order', () => {
    const spans = splitPhases([pause], [{ faultId: 'fault-1', finalRecoveryMs: 2025 }], 10_000);
    const rows = [9999, 0, 3998, 4000, 6999, 7000, 12_000].map((t) => ({ scheduledMs: t, endMs: t + 1, outcome: 'ok' as const }));
    const { before, during, after } = PhaseCode;
    expect(Array.from(phaseColumn(samples(rows), spans))).toEqual([after, before, before, during, during, after, after]);
  });

  it('should put a request in flight when the fault hit in "during", not "before"', () => {
    const spans = splitPhases([pause], [{ faultId: 'fault-1', finalRecoveryMs: 2025 }], 10_000);
    const rows = [
      { scheduledMs: 3500, endMs: 3600, outcome: 'ok' as const }, // done before the fault: before
      { scheduledMs: 3900, endMs: 4000, outcome: 'ok' as const }, // answered as the fault hit: during
      { scheduledMs: 3990, endMs: 4990, outcome: 'unknown' as const }, // hung by the fault: during
      { scheduledMs: 6990, endMs: 7050, outcome: 'ok' as const }, // due in during, answered after: during
    ];
    const { before, during } = PhaseCode;
    expect(Array.from(phaseColumn(samples(rows), spans))).toEqual([before, during, during, during]);
  });

  it('should mark every request "before" without faults', () => {
    const rows = [10, 20].map((t) => ({ scheduledMs: t, endMs: t + 1, outcome: 'ok' as const }));
    expect(Array.from(phaseColumn(samples(rows), splitPhases([], [], 30)))).toEqual([0, 0]);
  });
});
