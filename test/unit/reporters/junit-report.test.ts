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
    const missed = result.slos.filter((s) => !s.ok);
    expect(missed.length).toBeGreaterThan(0);
    expect(xml.match(/<failure /g)?.length).toBe(missed.length);
    expect(xml).toContain(`failures="${missed.length}"`);
    expect(xml).toContain('name="availability ≥ 99%"');
    expect(xml).toContain('<property name="faultline.verdict" value="failed"/>');
  });

  it('should turn passing SLOs into errors when a fault was not verified', () => {
    const result = { ...syntheticResult({ verified: false }) };
    const passing = result.slos.filter((s) => s.ok).length;
    const xml = junitReport({ ...result, verdict: 'unknown', reason: 'fault-1 not verified' });
    expect(xml.match(/<error /g)?.length).toBe(passing);
    expect(xml).toContain('inconclusive: fault-1 not verified');
  });

  it('should escape XML in names and details', () => {
    const result = syntheticResult();
    const xml = junitReport({ ...result, slos: [{ ...result.slos[0]!, name: 'a < b & "c"', ok: false, detail: "<tag>'" }] });
    expect(xml).toContain('name="a &lt; b &amp; &quot;c&quot;"');
    expect(xml).toContain('&lt;tag&gt;&apos;');
  });
});

describe('consoleSummary', () => {
  it('should show the same figures as the reports', () => {
    const text = consoleSummary(syntheticResult());
    expect(text).toContain('FAILED');
    expect(text).toContain('1000 requests, 950 ok, 50 fail, 0 unknown, 0 not sent');
    expect(text).toContain('avail.    95.00%');
    expect(text).toMatch(/✗ availability ≥ 99% {2}\(95%\)/);
    expect(text).toContain('fault-1   ✓ kill app-1 (SIGKILL) at 4s: app-1 exited with code 137');
  });
});
