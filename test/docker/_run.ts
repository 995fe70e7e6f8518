import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReporterMux } from '../../src/reporters/reporter.js';
import { junitReporter, resultJsonReporter, summaryJsonReporter } from '../../src/reporters/file-reporters.js';
import { systemClock } from '../../src/run/clock.js';
import { executeRun } from '../../src/run/execute-run.js';
import type { RunResult } from '../../src/run/run-result.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { ScenarioInput } from '../../src/scenario/types.js';
import { resolveScenario } from '../../src/resolve-scenario.js';

/** Runs a scenario object through the real engine on Docker, with the file reporters. */
export async function runScenarioObject(input: ScenarioInput, signal: AbortSignal = new AbortController().signal): Promise<RunResult> {
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return executeRun(resolved.plan, {
    runtime: new DockerRuntime(),
    clock: systemClock,
    reporter: new ReporterMux([
      { name: 'summary.json', reporter: summaryJsonReporter({ stdout: false, stderr: false }) },
      { name: 'junit.xml', reporter: junitReporter() },
      { name: 'result.json', reporter: resultJsonReporter() },
    ]),
    signal,
    reportsRoot: mkdtempSync(join(tmpdir(), 'faultline-reports-')),
  });
}
