import { PhaseCode, spanColumn, splitPhases } from '../metrics/phases.js';
import { faultRecovery } from '../metrics/recovery.js';
import type { RequestSamples } from '../metrics/request-samples.js';
import { requestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import { evaluateThreshold } from './threshold-eval.js';

/** How often thresholds with `abortOnFail` are evaluated during the run (k6's `thresholdsRate`). */
export const thresholdCheckEveryMs = 2000;

/** A threshold with `abortOnFail` that was crossed during the run. */
export interface ThresholdAbort {
  readonly key: string;
  readonly source: string;
  /** Measured-load time of the evaluation that crossed it. */
  readonly atMs: number;
  readonly actual: number | null;
}

/** What a check needs of the run so far. */
export interface RunSoFar {
  /** Requests issued so far (a view on the live store); rows without an end yet are skipped. */
  readonly samples: RequestSamples;
  /** Faults injected so far: id, start, planned duration. */
  readonly faults: readonly { readonly id: string; readonly atMs: number; readonly durationMs: number | undefined }[];
  /** Measured-load time now. */
  readonly elapsedMs: number;
}

/**
 * k6's `abortOnFail`, evaluated as k6 does during a run: every 2 s, over the requests answered
 * so far, skipping metrics without samples (k6 evaluates empty sinks only at the end), and only
 * once more than `delayAbortEval` of measured load has passed. Phases are those the data shows so
 * far. Returns the first threshold crossed, or `undefined`.
 */
export function crossedAbortThreshold(plan: ScenarioPlan, run: RunSoFar): ThresholdAbort | undefined {
  const watched = plan.slo.thresholds.filter((t) => t.abortOnFail && run.elapsedMs > t.delayAbortEvalMs);
  if (watched.length === 0) return undefined;
  // Views on the live store, no copy: rows still in flight are simply left out.
  const { samples } = run;
  const unanswered = (row: number): boolean => Number.isNaN(samples.endMs[row] as number);
  const answered = (row: number): boolean => !unanswered(row);
  let phases: Uint8Array | undefined;
  if (watched.some((t) => t.tags.phase !== undefined)) {
    const recoveries = faultRecovery(samples, run.faults, { sustainMs: plan.slo.sustainMs, exclude: unanswered });
    const spans = splitPhases(run.faults, recoveries, run.elapsedMs);
    phases = Uint8Array.from(spanColumn(samples, spans), (span) => PhaseCode[spans[span]?.phase ?? 'before']);
  }
  for (const threshold of watched) {
    const stats = requestStats(samples, { runDurationMs: run.elapsedMs, filter: threshold.tags, include: answered, ...(phases ? { phases } : {}) });
    const outcome = evaluateThreshold(threshold, stats, run.elapsedMs);
    if (!outcome.empty && !outcome.ok) return { key: threshold.key, source: threshold.source, atMs: run.elapsedMs, actual: outcome.actual };
  }
  return undefined;
}
