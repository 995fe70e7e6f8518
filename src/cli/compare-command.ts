import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, FaultlineError } from '../errors.js';
import { compareRuns, comparisonTable, type StoredResult } from '../reporters/compare-runs.js';
import { line, type Output } from './output.js';

/** `20%` → 0.2; a bad value is a usage error that says what is allowed. */
export function parseMaxRegression(text: string): number {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const percent = match ? Number(match[1]) : NaN;
  if (!Number.isFinite(percent) || percent > 1000) {
    throw new FaultlineError(`--max-regression must be a percentage from 0% to 1000%, such as '20%', got '${text}'`, 'USAGE', ExitCode.harnessError, 'run `faultline help` for usage');
  }
  return percent / 100;
}

/**
 * The results under `path`: a result.json, a run directory holding one, or a directory of run
 * directories (a reports root, or a suite). Throws, naming the path, when there is none.
 */
export function readResults(path: string): StoredResult[] {
  if (!existsSync(path)) throw badResult(path, 'does not exist');
  const files = statSync(path).isFile() ? [path]
    : existsSync(join(path, 'result.json')) ? [join(path, 'result.json')]
      : readdirSync(path).map((entry) => join(path, entry, 'result.json')).filter((file) => existsSync(file));
  if (files.length === 0) throw badResult(path, 'holds no result.json (give a run directory, a result.json, or a directory of runs)');
  return files.map((file) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw badResult(file, `is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = parsed as Partial<StoredResult>;
    if (typeof result.runId !== 'string' || typeof result.plan?.name !== 'string' || !Array.isArray(result.slos) || !Array.isArray(result.faults)) {
      throw badResult(file, "is not a faultline result.json (no runId, plan.name, slos and faults)");
    }
    return { drills: [], ...result } as StoredResult;
  });
}

/** The newest result of `scenario` among `results`. */
export function newestOf(results: readonly StoredResult[], scenario: string): StoredResult | undefined {
  return results.filter((r) => r.plan.name === scenario).sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1);
}

/**
 * `faultline compare <baseline> <run>`: side by side, figure by figure, with ratios; exit 99 when
 * any figure regressed past the bound. Scenarios are paired by name (one result on each side is
 * paired whatever its name, and the table says so).
 */
export function compareCommand(baselinePath: string, runPath: string, maxRegression: number, output: Output): number {
  const baselines = readResults(baselinePath);
  const runs = readResults(runPath);
  const pairs: [StoredResult, StoredResult][] = baselines.length === 1 && runs.length === 1 ? [[baselines[0]!, runs[0]!]]
    : [...new Set(runs.map((r) => r.plan.name))].flatMap((name) => {
      const baseline = newestOf(baselines, name);
      return baseline ? [[baseline, newestOf(runs, name)!] as [StoredResult, StoredResult]] : [];
    });
  if (pairs.length === 0) {
    throw new FaultlineError(`nothing to compare: no scenario of ${runPath} (${[...new Set(runs.map((r) => r.plan.name))].join(', ')}) has a run under ${baselinePath}`, 'NO_BASELINE');
  }
  const comparisons = pairs.map(([baseline, run]) => compareRuns(baseline, run, maxRegression));
  for (const comparison of comparisons) output.out.write(comparisonTable(comparison));
  const regressed = comparisons.filter((c) => c.regressed);
  if (comparisons.length > 1) line(output.out, `${comparisons.length} scenarios compared, ${regressed.length} regressed`);
  return regressed.length > 0 ? ExitCode.sloFailed : ExitCode.passed;
}

function badResult(path: string, why: string): FaultlineError {
  return new FaultlineError(`${path} ${why}`, 'BAD_RESULT', ExitCode.harnessError);
}
