import { describe, expect, it } from 'vitest';
import { junitReport } from '../../../src/reporters/junit-report.js';
import { consoleSummary } from '../../../src/reporters/console-summary.js';
import { syntheticResult } from './_result.js';

describe('junitReport', () => {
  it('should have one testcase per SLO and a failure for each missed one', () => {
    const result = syntheticResult();
    const xml = junitReport(result);
    const cases = xml.match(/<testcase /g) ?? [];
    expect(cases.length).toBe(result.slos.length);
    const missed = result.slos.filter((s) => s.status === 'fail');
    expect(missed.length).toBeGreaterThan(0);
    expect(xml.match(/<failure /g)?.length).toBe(missed.length);
    expect(xml).toContain(`failures="${missed.length}"`);
    expect(xml).toContain('name="availability ≥ 99%"');
    expect(xml).toContain('<property name="faultline.verdict" value="failed"/>');
  });

  it('should turn passing SLOs into errors when a fault was not verified', () => {
    const result = { ...syntheticResult({ verified: false }) };
    const passing = result.slos.filter((s) => s.status === 'pass').length;
    const xml = junitReport({ ...result, verdict: 'unknown', reason: 'fault-1 not verified' });
    expect(xml.match(/<error /g)?.length).toBe(passing);
    expect(xml).toContain('inconclusive: fault-1 not verified');
  });

  it('should escape XML in names and details', () => {
    const result = syntheticResult();
    const xml = junitReport({ ...result, slos: [{ ...result.slos[0]!, name: 'a < b & "c"', status: 'fail', detail: "<tag>'" }] });
    expect(xml).toContain('name="a &lt; b &amp; &quot;c&quot;"');
    expect(xml).toContain('&lt;tag&gt;&apos;');
  });
});

describe('junitReport for objectives with nothing to judge', () => {
  it('should make an SLO with no data an error, never a pass', () => {
    const result = syntheticResult();
    const slos = [{ ...result.slos[0]!, status: 'no-data' as const, detail: 'no fault was injected' }];
    const xml = junitReport({ ...result, slos, verdict: 'unknown' });
    expect(xml).toContain('<error message="no data: no fault was injected" type="no-data">');
    expect(xml).toContain('errors="1"');
    expect(xml).not.toContain('<system-out>');
  });
});

describe('consoleSummary', () => {
  it('should show the same figures as the reports', () => {
    const text = consoleSummary(syntheticResult());
    expect(text).toContain('FAILED');
    expect(text).toContain('1000 requests, 950 ok, 50 fail, 0 unknown, 0 not sent (0 refused, 0 dropped by the generator)');
    expect(text).toContain('avail.    95.00%');
    expect(text).toMatch(/✗ availability ≥ 99% {2}\(95%\)/);
    expect(text).toContain('fault-1   ✓ kill app-1 (SIGKILL) at 4s: app-1 exited with code 137');
  });

  it('should say when semi-sync fell back to async, relative to the fault, and the mode when the primary was lost', () => {
    const result = syntheticResult();
    const database = {
      ledger: { attempted: 10, acknowledged: 9, confirmed: 7, lost: [3, 4], unknownPresent: [], unknownAbsent: [], phantom: [], unexpected: [], corrupted: [] },
      singleWriter: undefined, convergence: undefined, writerRounds: [], replicationModes: [], lag: [], lagCrossings: [], controllerEvents: [],
      replicationModeChanges: [
        { atMs: 1000, primary: 'db-1', mode: 'semi-sync' as const, previousPrimary: null, previousMode: null, why: 'a semi-sync replica is connected' },
        { atMs: 6240, primary: 'db-1', mode: 'async' as const, previousPrimary: 'db-1', previousMode: 'semi-sync' as const, why: 'no semi-sync replica connected' },
      ],
      lagAtFaults: [{ faultId: 'fault-1', transactionsBehind: 361, replicationMode: 'async' as const }],
    };
    const text = consoleSummary({ ...result, database });
    expect(text).toContain('repl      db-1 semi-sync → async at 6.24s (2.24s after fault-1): no semi-sync replica connected');
    expect(text).toContain('lag       fault-1: replica 361 transaction(s) behind, primary async when it was injected');
    expect(text).toContain('9 acknowledged, 2 LOST');
  });

  it('should print a first error before the fault as a negative offset, not "+-"', () => {
    const result = syntheticResult();
    const recoveries = result.load!.recoveries.map((r) => ({ ...r, firstErrorMs: -437 }));
    const text = consoleSummary({ ...result, load: { ...result.load!, recoveries } });
    expect(text).toContain('first error −437ms (in flight when it hit)');
    expect(text).not.toContain('+-');
  });
});
