import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonTable, gateFigures, type StoredResult } from '../../../src/reporters/compare-runs.js';
import { syntheticResult } from './_result.js';

const base = (): StoredResult => {
  const { statsFor: _statsFor, ...stored } = syntheticResult();
  return JSON.parse(JSON.stringify(stored)) as StoredResult;
};
/** The same run with its load report changed. */
const withLoad = (change: (load: NonNullable<StoredResult['load']>) => object): StoredResult => {
  const run = base();
  return { ...run, runId: 'this-run', load: { ...run.load!, ...change(run.load!) } };
};

describe('compareRuns', () => {
  it('should find no regression between two runs with the same figures', () => {
    const comparison = compareRuns(base(), base(), 0.2);
    expect(comparison.regressed).toBe(false);
    expect(comparison.figures.map((f) => f.key)).toEqual(gateFigures(base()).map((f) => f.key));
    expect(comparison.figures.every((f) => f.ratio === 1)).toBe(true);
  });

  it('should flag a figure worse by more than the bound and the noise floor, with its ratio', () => {
    const slower = withLoad((load) => ({ outages: { ...load.outages, longestMs: load.outages.longestMs * 2 } }));
    const comparison = compareRuns(base(), slower, 0.2);
    expect(comparison.regressed).toBe(true);
    expect(comparison.figures.find((f) => f.key === 'longest-outage')).toMatchObject({ ratio: 2, regressed: true, note: 'REGRESSED: +100%' });
    const table = comparisonTable(comparison);
    expect(table).toMatch(/longest outage\s+502ms\s+1s\s+2\.00×\s+REGRESSED: \+100%/);
    expect(table).toContain('REGRESSED: 1 figure(s) worse than the baseline by more than 20%');
  });

  it('should not flag a change within the bound, nor one smaller than the noise floor however large its ratio', () => {
    const within = withLoad((load) => ({ outages: { ...load.outages, longestMs: load.outages.longestMs * 1.15 } }));
    expect(compareRuns(base(), within, 0.2).regressed).toBe(false);
    const p99 = (run: StoredResult): number => run.load!.phases[0]!.latency['p(99)'];
    const jitter = withLoad((load) => ({ phases: load.phases.map((p, i) => (i === 0 ? { ...p, latency: { ...p.latency, 'p(99)': p.latency['p(99)'] * 3 } } : p)) }));
    expect(p99(jitter) - p99(base())).toBeLessThan(10);
    const judged = compareRuns(base(), jitter, 0.2);
    expect(judged.regressed).toBe(false);
    expect(judged.figures.find((f) => f.key === 'p99:before')?.note).toMatch(/less than the noise floor/);
  });

  it('should count a figure that lost its value (never recovered) as regressed, and one new to the run as not judged', () => {
    const stuck = withLoad((load) => ({ recoveries: load.recoveries.map((r) => ({ ...r, status: 'not-recovered', finalRecoveryMs: null })) }));
    const comparison = compareRuns(base(), stuck, 0.2);
    expect(comparison.figures.find((f) => f.key === 'recovery:fault-1')).toMatchObject({ regressed: true, note: expect.stringMatching(/no value now/) });
    const reversed = compareRuns(stuck, base(), 0.2);
    expect(reversed.figures.find((f) => f.key === 'recovery:fault-1')).toMatchObject({ regressed: false, note: 'better: the baseline had no value' });
  });

  it('should flag acknowledged writes lost where the baseline lost none', () => {
    const ledger = { attempted: 10, acknowledged: 10, confirmed: 10, lost: [] as number[], unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [] };
    const database = (lost: number[]) => ({ ledger: { ...ledger, lost }, controllerEvents: [] }) as unknown as StoredResult['database'];
    const comparison = compareRuns({ ...base(), database: database([]) }, { ...base(), database: database([3]) }, 0.2);
    expect(comparison.figures.find((f) => f.key === 'lost-writes')).toMatchObject({ baseline: 0, current: 1, ratio: Infinity, regressed: true, note: 'REGRESSED: from 0' });
  });
});
