import { resolve } from 'node:path';
import { ConsoleReporter } from '../reporters/console-reporter.js';
import { junitReporter, markdownReporter, resultJsonReporter, summaryJsonReporter } from '../reporters/file-reporters.js';
import { ReporterMux } from '../reporters/reporter.js';
import { systemClock } from '../run/clock.js';
import { executeRun } from '../run/execute-run.js';
import type { Runtime } from '../runtime/runtime.js';
import { getDocker } from '../runtime/docker/docker-client.js';
import { exitCodeFor, worstVerdict, type Verdict } from '../slo/verdict.js';
import { loadPlans } from './load-plans.js';
import { line, type Output } from './output.js';

export interface RunCommandOptions {
  readonly reportsDir: string;
}

/**
 * `faultline run <file|dir>`: validates every scenario first (exit 104 on any problem), then runs
 * them one after another; the exit code is the worst verdict's.
 */
export async function runCommand(path: string, options: RunCommandOptions, runtime: Runtime, signal: AbortSignal, output: Output): Promise<number> {
  const loaded = await loadPlans(path, output);
  if ('exitCode' in loaded) return loaded.exitCode;
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
  }
  // A stop signal that came between or after scenarios still makes the whole run interrupted.
  if (signal.aborted && !verdicts.includes('interrupted')) verdicts.push('interrupted');
  if (loaded.plans.length > 1) line(output.out, `${loaded.plans.length} scenarios: ${verdicts.join(', ')}`);
  return exitCodeFor(worstVerdict(verdicts));
}
