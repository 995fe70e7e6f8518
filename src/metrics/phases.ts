import type { FaultPlanBase } from '../scenario/plan.js';
import { countAtOrBefore } from './_search.js';
import type { RequestSamples } from './request-samples.js';

/** Phases of measured load. (Warm-up comes before measured load and is reported apart.) */
export type PhaseName = 'before' | 'during' | 'after';

/** Phase codes of the column built by {@link phaseColumn}. */
export const PhaseCode = { before: 0, during: 1, after: 2 } as const;
export type PhaseCodeValue = (typeof PhaseCode)[PhaseName];

/** A span of the run, half-open: `[fromMs, toMs)`. */
export interface PhaseSpan {
  readonly phase: PhaseName;
  /** The fault a `during` or `after` span belongs to. */
  readonly faultId?: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Splits the run into phases for latency reporting:
 * - `before`: `[0, first fault)`.
 * - `during` each fault: from `atMs` to the later of the fault's own end (`atMs + durationMs`)
 *   and its final recovery (`atMs + finalRecoveryMs`, after any relapse); when recovery was never
 *   reached the fault lasts to the end of the data.
 * - `after` each fault: from the end of `during` to the next fault or the end of the data.
 *
 * A `during` that would run past the next fault is cut there, since from then on the next
 * fault is what the requests experience. Empty spans are left out, so the spans are contiguous
 * and non-overlapping but not every fault has an `after`. Without faults the whole run is `before`.
 *
 * @param recoveries final recovery per fault id (from `faultRecovery`); a fault missing here is
 *   treated as never recovered.
 */
export function splitPhases(
  faults: readonly Pick<FaultPlanBase, 'id' | 'atMs' | 'durationMs'>[],
  recoveries: readonly { readonly faultId: string; readonly finalRecoveryMs: number | null }[],
  endOfDataMs: number,
): PhaseSpan[] {
  const recovered = new Map(recoveries.map((r) => [r.faultId, r.finalRecoveryMs]));
  const ordered = [...faults].sort((a, b) => a.atMs - b.atMs);
  const spans: PhaseSpan[] = [];
  const push = (span: PhaseSpan): void => {
    if (span.toMs > span.fromMs) spans.push(span);
  };

  push({ phase: 'before', fromMs: 0, toMs: Math.min(ordered[0]?.atMs ?? endOfDataMs, endOfDataMs) });
  ordered.forEach((fault, index) => {
    const nextAt = Math.min(ordered[index + 1]?.atMs ?? endOfDataMs, endOfDataMs);
    const final = recovered.get(fault.id);
    const recoveredAt = final === undefined || final === null ? endOfDataMs : fault.atMs + final;
    const duringEnd = Math.min(Math.max(fault.atMs + (fault.durationMs ?? 0), recoveredAt), nextAt);
    push({ phase: 'during', faultId: fault.id, fromMs: fault.atMs, toMs: duringEnd });
    push({ phase: 'after', faultId: fault.id, fromMs: Math.max(duringEnd, fault.atMs), toMs: nextAt });
  });
  return spans;
}

/**
 * The span of every request, as an index into `spans` (sorted by `fromMs`), in a column
 * parallel to `samples`. A request belongs to the span its scheduled time falls in, except that
 * one still in flight when a fault hit (scheduled before the fault's `during` span starts,
 * answered at or after it) belongs to that `during`: the fault reached it. Requests before the
 * first span take the first span; requests after the last span take the last one.
 */
export function spanColumn(samples: RequestSamples, spans: readonly PhaseSpan[]): Uint16Array {
  const column = new Uint16Array(samples.length);
  const starts = Float64Array.from(spans, (s) => s.fromMs);
  for (let i = 0; i < samples.length; i++) {
    const t = samples.scheduledMs[i] as number;
    // Last span starting at or before t; the spans are contiguous, so it contains t.
    let span = Math.max(0, countAtOrBefore(starts, t) - 1);
    const next = spans[span + 1];
    if (spans[span]?.phase !== 'during' && next?.phase === 'during' && next.fromMs <= (samples.endMs[i] as number)) span++;
    column[i] = span;
  }
  return column;
}

/** The phase code ({@link PhaseCode}) of every request, from its span (see {@link spanColumn}). */
export function phaseColumn(samples: RequestSamples, spans: readonly PhaseSpan[]): Uint8Array {
  const ordered = [...spans].sort((a, b) => a.fromMs - b.fromMs);
  const bySpan = ordered.map((s) => PhaseCode[s.phase]);
  const spansOf = spanColumn(samples, ordered);
  const column = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) column[i] = bySpan[spansOf[i] as number] ?? PhaseCode.before;
  return column;
}
