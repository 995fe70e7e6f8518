import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../reporters/_result.js';
import { readResults } from '../../../src/cli/compare-command.js';
import type { Output } from '../../../src/cli/output.js';
import { holdToBaseline } from '../../../src/cli/run-command.js';
import { faultline } from './_cli.js';

/** A run directory holding a result.json like the run wrote, with its longest outage scaled. */
function runDir(root: string, name: string, outageScale: number): string {
  const { statsFor: _statsFor, ...result } = syntheticResult();
  const load = { ...result.load!, outages: { ...result.load!.outages, longestMs: result.load!.outages.longestMs * outageScale } };
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'result.json'), JSON.stringify({ ...result, runId: name, load }));
  return dir;
}

describe('faultline compare', () => {
  it('should exit 0 for a run within the bound and 99 for one that regressed, printing both side by side', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-compare-'));
    const baseline = runDir(root, 'baseline', 1);
    const same = await faultline(['compare', baseline, runDir(root, 'same', 1.1)]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('no regression beyond 20%');
    const slower = await faultline(['compare', baseline, join(runDir(root, 'slower', 1.5), 'result.json'), '--max-regression', '30%']);
    expect(slower.code, slower.stderr).toBe(99);
    expect(slower.stdout).toMatch(/longest outage\s+502ms\s+753ms\s+1\.50×\s+REGRESSED: \+50%/);
    expect(slower.stdout).toContain('REGRESSED: 1 figure(s) worse than the baseline by more than 30%');
  });

  it('should name what is wrong with its input', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-compare-'));
    const baseline = runDir(root, 'baseline', 1);
    const badBound = await faultline(['compare', baseline, baseline, '--max-regression', 'lots']);
    expect(badBound.code).toBe(1);
    expect(badBound.stderr).toContain("--max-regression must be a percentage from 0% to 1000%, such as '20%', got 'lots'");
    const empty = mkdtempSync(join(tmpdir(), 'faultline-compare-empty-'));
    const missing = await faultline(['compare', baseline, empty]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${empty} holds no result.json`);
    writeFileSync(join(empty, 'result.json'), '{"hello": 1}');
    const notOurs = await faultline(['compare', baseline, empty]);
    expect(notOurs.stderr).toContain('is not a faultline result.json');
    const one = await faultline(['compare', baseline]);
    expect(one.stderr).toContain('faultline compare needs two runs');
    const bareBound = await faultline(['run', 'scenarios', '--max-regression', '10%']);
    expect(bareBound.stderr).toContain('--max-regression needs --baseline <dir>');
  });
});

describe('faultline run --baseline', () => {
  it('should refuse, before running anything, a scenario the baseline has no run of', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-compare-'));
    runDir(root, 'baseline', 1); // a run of 'synthetic', not of app-replica-kill
    const result = await faultline(['run', 'scenarios/app-replica-kill.scenario.ts', '--baseline', root], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no baseline run of app-replica-kill under ${root}: nothing to compare with, so the regression gate cannot pass`);
  });

  it('should hold a finished run to the newest baseline of its scenario: 99 when it regressed, 0 when not', () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-compare-'));
    const older = runDir(root, 'older', 0.1);
    runDir(root, 'newer', 1);
    writeFileSync(join(older, 'result.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(older, 'result.json'), 'utf8')), startedAt: '2026-01-01T00:00:00.000Z' }));
    const written: string[] = [];
    const output = { out: { write: (text: string) => { written.push(text); return true; } }, err: { write: () => true } } as unknown as Output;
    const baselines = readResults(root);
    expect(holdToBaseline(syntheticResult(), baselines, 0.2, output)).toBe(0); // the newer one, same figures
    expect(written.join('')).toContain('baseline newer');
    expect(holdToBaseline(syntheticResult(), [readResults(older)[0]!], 0.2, output)).toBe(99);
  });
});
