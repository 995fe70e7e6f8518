import { join } from 'node:path';
import { Journal } from '../reporters/journal.js';
import type { ReporterMux } from '../reporters/reporter.js';
import type { Runtime } from '../runtime/runtime.js';
import { formatDuration } from '../scenario/duration.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import type { SloResult } from '../slo/slo-result.js';
import { decideVerdict, exitCodeFor } from '../slo/verdict.js';
import type { Clock } from './clock.js';
import { runDoubts } from './run-doubts.js';
import { newRunId } from './run-id.js';
import type { RunResult } from './run-result.js';
import { AbortedError, runScenario, type RunOutcome } from './run-scenario.js';
import { Teardowns } from './teardowns.js';

export interface RunDeps {
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly reporter: ReporterMux;
  /** Aborted from outside (Ctrl-C, SIGTERM); its reason names the signal. */
  readonly signal: AbortSignal;
  /** Reports go to `<reportsRoot>/<run id>/`. */
  readonly reportsRoot: string;
}

/** Abort reasons that mean the user stopped the run, as opposed to the harness giving up. */
const interruptReasons = new Set(['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Runs one scenario end to end and always returns a result: teardown runs however the run ends
 * (pass, fail, error, Ctrl-C, deadline), then the verdict is decided and every reporter renders it.
 */
export async function executeRun(plan: ScenarioPlan, deps: RunDeps): Promise<RunResult> {
  const { clock, reporter } = deps;
  const startedWall = clock.wallMs();
  const began = clock.now();
  const runId = newRunId(startedWall);
  const reportDir = join(deps.reportsRoot, runId);
  const journal = new Journal(join(reportDir, 'journal.ndjson'), clock);
  const teardowns = new Teardowns();
  const controller = new AbortController();
  const forward = (): void => controller.abort(deps.signal.reason);
  if (deps.signal.aborted) forward();
  deps.signal.addEventListener('abort', forward, { once: true });
  const deadline = setTimeout(() => controller.abort('deadline'), plan.deadlineMs);

  journal.write('run-start', { runId, scenario: plan.name, file: plan.file, plan });
  reporter.onRunStart({ runId, plan, reportDir });
  const outcome: RunOutcome = { stackStartupMs: {}, faults: [], slos: [] };
  try {
    await runScenario({ runId, plan, runtime: deps.runtime, clock, journal, reporter, teardowns, signal: controller.signal, reportDir }, outcome);
  } catch (error) {
    if (!(error instanceof AbortedError) || !controller.signal.aborted) {
      outcome.error = error instanceof Error ? error.message : String(error);
      journal.write('error', { message: outcome.error, stack: error instanceof Error ? error.stack : undefined });
    }
  } finally {
    clearTimeout(deadline);
    deps.signal.removeEventListener('abort', forward);
  }
  reporter.onEvent('teardown-start', {});
  await teardowns.runAll();

  const reason = controller.signal.aborted ? String(controller.signal.reason) : undefined;
  const interrupted = reason !== undefined && interruptReasons.has(reason);
  if (reason === 'deadline') outcome.error ??= `the run exceeded its deadline of ${formatDuration(plan.deadlineMs)}`;
  const doubts = runDoubts(outcome, plan);
  const verdict = decideVerdict({
    results: outcome.slos,
    doubts,
    errored: outcome.error !== undefined,
    interrupted,
    abortedByThreshold: outcome.thresholdAbort !== undefined,
  });
  const result: RunResult = {
    runId,
    plan,
    verdict,
    exitCode: exitCodeFor(verdict),
    startedAt: new Date(startedWall).toISOString(),
    endedAt: new Date(clock.wallMs()).toISOString(),
    durationMs: Math.round(clock.now() - began),
    reason: interrupted ? `interrupted by ${reason}` : outcome.error ?? thresholdAbortReason(outcome) ?? unknownReason(doubts, outcome.slos),
    stackStartupMs: outcome.stackStartupMs,
    faults: outcome.faults,
    load: outcome.load,
    steadyStateBefore: outcome.steadyStateBefore,
    steadyStateAfter: outcome.steadyStateAfter,
    slos: outcome.slos,
    database: outcome.database,
    teardownFailures: teardowns.failures,
    thresholdAbort: outcome.thresholdAbort,
    backups: outcome.backups,
    drills: outcome.drillFigures ?? [],
    reportDir,
    statsFor: outcome.statsFor,
  };
  await reporter.onRunEnd(result);
  if (journal.failedWrites > 0) reporter.failures.push(`journal: ${journal.failedWrites} entries could not be written to ${journal.path}`);
  journal.write('verdict', { verdict, exitCode: result.exitCode, reason: result.reason, slos: result.slos, reporterFailures: reporter.failures });
  journal.write('run-end', { durationMs: result.durationMs });
  journal.close();
  return result;
}

function thresholdAbortReason(outcome: RunOutcome): string | undefined {
  const crossed = outcome.thresholdAbort;
  if (!crossed) return undefined;
  return `stopped early: threshold ${crossed.key} ${crossed.source} (abortOnFail) was crossed at ${formatDuration(crossed.atMs)} of measured load`
    + `${crossed.actual === null ? '' : ` (${+crossed.actual.toFixed(4)})`}; faults were reverted`;
}

function unknownReason(doubts: readonly string[], slos: readonly SloResult[]): string | undefined {
  const unjudged = slos.filter((slo) => slo.status === 'no-data').map((slo) => `${slo.name}: ${slo.detail}`);
  const reasons = [...doubts, ...unjudged.map((text) => `nothing to judge for ${text}`)];
  return reasons.length === 0 ? undefined : reasons.join('; ');
}
