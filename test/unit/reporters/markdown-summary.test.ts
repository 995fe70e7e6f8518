import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleSummary } from '../../../src/reporters/console-summary.js';
import { markdownReporter } from '../../../src/reporters/file-reporters.js';
import { markdownSummary } from '../../../src/reporters/markdown-summary.js';
import { syntheticResult } from './_result.js';

describe('markdownSummary', () => {
  it('should give the verdict, one table row per SLO with its mark, and the key figures in the console\'s words', () => {
    const result = syntheticResult();
    const md = markdownSummary(result);
    expect(md).toMatch(/^### ❌ synthetic: FAILED \(exit 99\)/);
    const sloRows = md.split('\n').filter((line) => /^\| (✅|❌|⚠️) \|/.test(line));
    expect(sloRows.length).toBe(result.slos.length);
    expect(md).toContain('| ❌ | availability ≥ 99% | 95% |');
    // The same figures the console prints, formatted the same way.
    const console = consoleSummary(result);
    expect(console).toContain('avail.    95.00%');
    expect(md).toContain('| availability | 95.00% |');
    expect(md).toContain('| longest outage | 502ms (1 window) |');
    expect(md).toContain('| fault-1: kill app-1 (SIGKILL) | 4s | ✅ app-1 exited with code 137 |');
  });

  it('should keep user text from breaking the table or the page', () => {
    const result = syntheticResult();
    const md = markdownSummary({ ...result, slos: [{ ...result.slos[0]!, name: 'a | b', detail: 'line one\nline <b>two</b>' }] });
    expect(md).toContain('| a \\| b |');
    expect(md).toContain('line one line &lt;b&gt;two&lt;/b&gt;');
  });

  it('should write summary.md and append it to the step summary file when one is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-md-'));
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const result = { ...syntheticResult(), reportDir: dir };
    await markdownReporter(stepSummary).onRunEnd!(result);
    const written = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(written).toBe(markdownSummary(result));
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${written}\n`);
  });
});
