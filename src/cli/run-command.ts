import { resolve } from 'node:path';
import { ConsoleReporter } from '../reporters/console-reporter.js';
import { junitReporter, markdownReporter, resultJsonReporter, summaryJsonReporter } from '../reporters/file-reporters.js';
import { htmlReporter } from '../reporters/html/html-reporter.js';
import { ReporterMux } from '../reporters/reporter.js';
import { systemClock } from '../run/clock.js';
import { executeRun } from '../run/execute-run.js';
import type { Runtime } from '../runtime/runtime.js';
import { getDocker } from '../runtime/docker/docker-client.js';
import { exitCodeFor, worstVerdict, type Verdict } from '../slo/verdict.js';
import { ExitCode } from '../errors.js';
import { compareRuns, comparisonTable, type StoredResult } from '../reporters/compare-runs.js';
import type { RunResult } from '../run/run-result.js';
import { newestOf, readResults } from './compare-command.js';
import { loadPlans } from './load-plans.js';
import { line, type Output } from './output.js';

export interface RunCommandOptions {
  readonly reportsDir: string;
  /** Runs to hold each scenario's run to (`--baseline`), and by how much it may be worse. */
  readonly baseline?: { readonly path: string; readonly maxRegression: number };
}

/**
 * `faultline run <file|dir>`: validates every scenario first (exit 104 on any problem), then runs
 * them one after another; the exit code is the worst verdict's.
 */
export async function runCommand(path: string, options: RunCommandOptions, runtime: Runtime, signal: AbortSignal, output: Output): Promise<number> {
  const loaded = await loadPlans(path, output);
  if ('exitCode' in loaded) return loaded.exitCode;
  // Read before anything runs: a baseline that cannot be read, or has no run of a scenario (then
  // there is nothing to judge it by, and the gate cannot pass), is found out now, not after an hour.
  const baselines = options.baseline ? readResults(options.baseline.path) : undefined;
  const unmatched = baselines ? loaded.plans.filter((plan) => newestOf(baselines, plan.name) === undefined).map((plan) => plan.name) : [];
  if (unmatched.length > 0) {
    line(output.err, `error: no baseline run of ${unmatched.join(', ')} under ${options.baseline!.path}: nothing to compare with, so the regression gate cannot pass`);
    line(output.err, 'hint: run those scenarios once without --baseline, and keep their reports as the baseline');
    return ExitCode.harnessError;
  }
  let gate: number = ExitCode.passed;
  await getDocker(); // fail fast, with the fix in the hint, before any report is started
  const verdicts: Verdict[] = [];
  for (const plan of loaded.plans) {
    if (signal.aborted) break;
    const reporter = new ReporterMux([
      { name: 'console', reporter: new ConsoleReporter(output.out) },
      { name: 'summary.json', reporter: summaryJsonReporter({ stdout: output.out.isTTY === true, stderr: output.err.isTTY === true }) },
      { name: 'junit.xml', reporter: junitReporter() },
      { name: 'result.json', reporter: resultJsonReporter() },
      { name: 'summary.md', reporter: markdownReporter(process.env.GITHUB_STEP_SUMMARY) },
      { name: 'report.html', reporter: htmlReporter() },
    ]);
    const result = await executeRun(plan, {
      runtime,
      clock: systemClock,
      reporter,
      signal,
      reportsRoot: resolve(options.reportsDir),
    });
    for (const failure of reporter.failures) line(output.err, `warning: reporter failed: ${failure}`);
    verdicts.push(result.verdict);
    if (baselines && options.baseline) gate = Math.max(gate, holdToBaseline(result, baselines, options.baseline.maxRegression, output));
  }
  // A stop signal that came between or after scenarios still makes the whole run interrupted.
  if (signal.aborted && !verdicts.includes('interrupted')) verdicts.push('interrupted');
  if (loaded.plans.length > 1) line(output.out, `${loaded.plans.length} scenarios: ${verdicts.join(', ')}`);
  const exitCode = exitCodeFor(worstVerdict(verdicts));
  // A passing run that regressed fails the gate; a run that failed on its own keeps its own code.
  return exitCode === ExitCode.passed ? gate : exitCode;
}

/** Prints the comparison of a run with the newest baseline run of its scenario; 99 when it regressed. */
export function holdToBaseline(result: RunResult, baselines: readonly StoredResult[], maxRegression: number, output: Output): number {
  const before = newestOf(baselines, result.plan.name);
  if (!before) throw new Error(`no baseline run of ${result.plan.name} (checked before the run)`);
  const comparison = compareRuns(before, result, maxRegression);
  output.out.write(comparisonTable(comparison));
  return comparison.regressed ? ExitCode.sloFailed : ExitCode.passed;
}
