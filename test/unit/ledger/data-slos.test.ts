import { describe, expect, it } from 'vitest';
import type { LedgerResult } from '../../../src/ledger/check-ledger.js';
import type { SloPlan } from '../../../src/scenario/plan.js';
import { evaluateDataSlos } from '../../../src/slo/data-slos.js';

const slo = (overrides: Partial<SloPlan>): SloPlan => ({
  availabilityMin: undefined, longestOutageMaxMs: undefined, totalOutageMaxMs: undefined, recoveryMaxMs: undefined,
  recoveryAfterHealMaxMs: undefined, writeOutageMaxMs: undefined, lostWritesMax: undefined, singleWriter: false,
  convergence: false, sustainMs: 2000, thresholds: [], ...overrides,
});
const ledger = (overrides: Partial<LedgerResult>): LedgerResult => ({
  attempted: 100, acknowledged: 90, confirmed: 90, lost: [], unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [], ...overrides,
});
const none = { writeOutages: undefined, ledger: undefined, singleWriter: undefined, convergence: undefined };

describe('evaluateDataSlos', () => {
  it('should pass lost writes within the bound and fail beyond it', () => {
    expect(evaluateDataSlos(slo({ lostWritesMax: 0 }), { ...none, ledger: ledger({}) })[0]).toMatchObject({ ok: true, actual: 0 });
    expect(evaluateDataSlos(slo({ lostWritesMax: 0 }), { ...none, ledger: ledger({ lost: [4, 9], confirmed: 88 }) })[0]).toMatchObject({ ok: false, actual: 2 });
    expect(evaluateDataSlos(slo({ lostWritesMax: 5 }), { ...none, ledger: ledger({ lost: [4, 9] }) })[0]?.ok).toBe(true);
  });

  it('should fail on a phantom write even with nothing lost', () => {
    const [result] = evaluateDataSlos(slo({ lostWritesMax: 0 }), { ...none, ledger: ledger({ phantom: [7] }) });
    expect(result?.ok).toBe(false);
    expect(result?.detail).toContain('1 reported failed yet present');
  });

  it('should not pass objectives whose check never ran, nor a ledger with no acknowledged write', () => {
    const results = evaluateDataSlos(slo({ lostWritesMax: 0, singleWriter: true, convergence: true, writeOutageMaxMs: 1000 }), none);
    expect(results.map((r) => [r.id, r.ok])).toEqual([['write-outage', false], ['lost-writes', false], ['single-writer', false], ['convergence', false]]);
    expect(evaluateDataSlos(slo({ lostWritesMax: 0 }), { ...none, ledger: ledger({ acknowledged: 0, confirmed: 0 }) })[0]?.ok).toBe(false);
  });

  it('should judge the single writer and the write outage', () => {
    const results = evaluateDataSlos(slo({ singleWriter: true, writeOutageMaxMs: 5000 }), {
      ...none,
      writeOutages: { windows: [{ startMs: 1, endMs: 6001, durationMs: 6000, failed: 1, unknown: 0, ongoing: false }], longestMs: 6000, totalMs: 6000, resolutionMs: 50 },
      singleWriter: { samples: 40, maxGapMs: 260, violations: [{ atMs: 1200, nodes: ['db-1', 'db-2'] }], noWriter: 3 },
    });
    expect(results.map((r) => [r.id, r.ok, r.actual])).toEqual([['write-outage', false, 6000], ['single-writer', false, 1]]);
  });
});
