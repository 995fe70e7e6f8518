import { PhaseCode, spanColumn, splitPhases } from '../metrics/phases.js';
import { faultRecovery } from '../metrics/recovery.js';
import type { RequestSamples } from '../metrics/request-samples.js';
import { requestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan, ThresholdPlan } from '../scenario/plan.js';
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
  /** Requests issued so far; rows without an end yet are skipped. */
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
  const answered = answeredOnly(run.samples);
  const needsPhases = watched.some((t) => t.tags.phase !== undefined);
  let phases: Uint8Array | undefined;
  if (needsPhases) {
    const recoveries = faultRecovery(answered, run.faults, { sustainMs: plan.slo.sustainMs });
    const spans = splitPhases(run.faults, recoveries, run.elapsedMs);
    phases = Uint8Array.from(spanColumn(answered, spans), (span) => PhaseCode[spans[span]?.phase ?? 'before']);
  }
  for (const threshold of watched) {
    const stats = requestStats(answered, { runDurationMs: run.elapsedMs, filter: threshold.tags, ...(phases ? { phases } : {}) });
    const outcome = evaluateThreshold(threshold, stats, run.elapsedMs);
    if (!outcome.empty && !outcome.ok) return describe(threshold, run.elapsedMs, outcome.actual);
  }
  return undefined;
}

function describe(threshold: ThresholdPlan, atMs: number, actual: number | null): ThresholdAbort {
  return { key: threshold.key, source: threshold.source, atMs, actual };
}

/** The rows that have an outcome, in schedule order (a copy: the store keeps filling). */
function answeredOnly(samples: RequestSamples): RequestSamples {
  const keep: number[] = [];
  for (let i = 0; i < samples.length; i++) if (!Number.isNaN(samples.endMs[i] as number)) keep.push(i);
  const pick = <T extends Float64Array | Uint8Array | Uint16Array>(column: T, make: (n: number) => T): T => {
    const out = make(keep.length);
    keep.forEach((row, i) => { out[i] = column[row] as number; });
    return out;
  };
  return {
    length: keep.length,
    scheduledMs: pick(samples.scheduledMs, (n) => new Float64Array(n)),
    sentMs: pick(samples.sentMs, (n) => new Float64Array(n)),
    endMs: pick(samples.endMs, (n) => new Float64Array(n)),
    outcome: pick(samples.outcome, (n) => new Uint8Array(n)),
    op: pick(samples.op, (n) => new Uint8Array(n)),
    status: pick(samples.status, (n) => new Uint16Array(n)),
    flags: pick(samples.flags, (n) => new Uint8Array(n)),
  };
}
