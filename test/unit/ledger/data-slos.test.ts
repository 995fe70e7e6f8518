import { describe, expect, it } from 'vitest';
import type { LedgerResult } from '../../../src/ledger/check-ledger.js';
import type { SingleWriterResult } from '../../../src/ledger/single-writer.js';
import { evaluateDataSlos } from '../../../src/slo/slo-eval.js';
import { sloPlan as slo } from '../_plans.js';

const ledger = (overrides: Partial<LedgerResult>): LedgerResult => ({
  attempted: 100, acknowledged: 90, confirmed: 90, lost: [], unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [], ...overrides,
});
const none = { writeOutages: undefined, writesIssued: 100, ledger: undefined, singleWriter: undefined, convergence: undefined };
const atMost = (max: number) => ({ lostWrites: { min: undefined, max } });

describe('evaluateDataSlos', () => {
  it('should pass lost writes within the bound and fail beyond it', () => {
    expect(evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({}) })[0]).toMatchObject({ status: 'pass', actual: 0 });
    expect(evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({ lost: [4, 9], confirmed: 88 }) })[0]).toMatchObject({ status: 'fail', actual: 2 });
    expect(evaluateDataSlos(slo(atMost(5)), { ...none, ledger: ledger({ lost: [4, 9] }) })[0]?.status).toBe('pass');
  });

  it('should state a demonstrated loss as an objective: pass when it happened, fail when it did not', () => {
    const expectLoss = slo({ lostWrites: { min: 1, max: undefined } });
    const [happened] = evaluateDataSlos(expectLoss, { ...none, ledger: ledger({ lost: [3, 4, 5] }) });
    expect(happened).toMatchObject({ status: 'pass', actual: 3, name: 'acknowledged writes lost ≥ 1 (the loss this scenario demonstrates)' });
    const [didNot] = evaluateDataSlos(expectLoss, { ...none, ledger: ledger({}) });
    expect(didNot?.status).toBe('fail');
    expect(didNot?.detail).toContain('the loss it demonstrates did not happen');
  });

  it('should fail on a phantom write, an id no write used, or a changed value, even with nothing lost', () => {
    const phantom = evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({ phantom: [7] }) })[0];
    expect(phantom?.status).toBe('fail');
    expect(phantom?.detail).toContain('1 reported failed yet present');
    const stranger = evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({ unexpected: ['run-x-999999'] }) })[0];
    expect(stranger).toMatchObject({ status: 'fail' });
    expect(stranger?.detail).toContain('match no write of the run');
    const changed = evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({ corrupted: [12] }) })[0];
    expect(changed?.status).toBe('fail');
    expect(changed?.detail).toContain('differ from what was written');
  });

  it('should have nothing to judge when a check never ran, no write was acknowledged, or no write was issued', () => {
    const results = evaluateDataSlos(slo({ ...atMost(0), singleWriter: true, convergence: true, writeOutageMaxMs: 1000 }), none);
    expect(results.map((r) => [r.id, r.status])).toEqual([['write-outage', 'no-data'], ['lost-writes', 'no-data'], ['single-writer', 'no-data'], ['convergence', 'no-data']]);
    expect(evaluateDataSlos(slo(atMost(0)), { ...none, ledger: ledger({ acknowledged: 0, confirmed: 0 }) })[0]?.status).toBe('no-data');
    const noWrites = { windows: [], longestMs: 0, totalMs: 0, resolutionMs: null, sustainMs: 250 };
    expect(evaluateDataSlos(slo({ writeOutageMaxMs: 1000 }), { ...none, writesIssued: 0, writeOutages: noWrites })[0]).toMatchObject({ status: 'no-data' });
  });

  it('should not pass a write outage still ongoing when the data ended', () => {
    const writeOutages = { windows: [{ startMs: 17_000, endMs: 28_000, durationMs: 11_000, failed: 5, unknown: 0, ok: 0, ongoing: true }], longestMs: 11_000, totalMs: 11_000, resolutionMs: 50, sustainMs: 250 };
    expect(evaluateDataSlos(slo({ writeOutageMaxMs: 30_000 }), { ...none, writeOutages })[0]).toMatchObject({ status: 'no-data', actual: 11_000 });
    expect(evaluateDataSlos(slo({ writeOutageMaxMs: 10_000 }), { ...none, writeOutages })[0]).toMatchObject({ status: 'fail' });
  });

  it('should judge the single writer and the write outage', () => {
    const results = evaluateDataSlos(slo({ singleWriter: true, writeOutageMaxMs: 5000 }), {
      ...none,
      writeOutages: { windows: [{ startMs: 1, endMs: 6001, durationMs: 6000, failed: 1, unknown: 0, ok: 0, ongoing: false }], longestMs: 6000, totalMs: 6000, resolutionMs: 50, sustainMs: 250 },
      singleWriter: writer({ status: 'fail', violations: [{ atMs: 1200, nodes: ['db-1', 'db-2'], apartMs: 12 }] }),
    });
    expect(results.map((r) => [r.id, r.status, r.actual])).toEqual([['write-outage', 'fail', 6000], ['single-writer', 'fail', 1]]);
    expect(results[1]?.detail).toBe('1 of 40 rounds saw several writable nodes, first at 1.2s: db-1, db-2 (answers 12ms apart)');
  });

  it('should have nothing to judge for the single writer when the watch was blind around a fault, naming the fault and the gap', () => {
    const [result] = evaluateDataSlos(slo({ singleWriter: true }), {
      ...none,
      singleWriter: writer({
        status: 'inconclusive',
        faults: [{ faultId: 'f1', label: 'kill db-1', fromMs: 10_000, toMs: 30_000, maxGapMs: 1_800, gapFromMs: 10_200 }],
        doubts: [{ kind: 'blind-gap', faultId: 'f1', faultLabel: 'kill db-1', atMs: 10_200, gapMs: 1_800, detail: 'around kill db-1 (10s–30s) no conclusive reading of every node for 1800ms from 10.2s (more than 1500ms)' }],
      }),
    });
    expect(result).toMatchObject({ id: 'single-writer', status: 'no-data', actual: null });
    expect(result?.detail).toContain('inconclusive: around kill db-1 (10s–30s) no conclusive reading of every node for 1800ms');
    expect(result?.detail).toContain('longest blind stretch around a fault 1800ms (kill db-1; bound 1500ms)');
  });

  it('should pass the single writer only on a conclusive watch, saying how well it saw each fault', () => {
    const [result] = evaluateDataSlos(slo({ singleWriter: true }), {
      ...none,
      singleWriter: writer({ faults: [{ faultId: 'f1', label: 'kill db-1', fromMs: 10_000, toMs: 30_000, maxGapMs: 310, gapFromMs: 10_200 }] }),
    });
    expect(result).toMatchObject({ status: 'pass', actual: 0, detail: '40 rounds, 38 conclusive, 3 with no writable node; longest blind stretch around a fault 310ms (kill db-1; bound 1500ms)' });
    expect(evaluateDataSlos(slo({ singleWriter: true }), { ...none, singleWriter: writer({ rounds: 0, conclusiveRounds: 0 }) })[0]?.status).toBe('no-data');
  });
});

function writer(overrides: Partial<SingleWriterResult>): SingleWriterResult {
  return { status: 'pass', rounds: 40, conclusiveRounds: 38, maxGapMs: 260, maxGapBoundMs: 1500, violations: [], doubts: [], faults: [], noWriter: 3, ...overrides };
}
