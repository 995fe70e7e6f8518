import type { FaultPlan } from '../scenario/plan.js';
import type { RequestSamples } from './request-samples.js';

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
 *   and its sustained recovery (`atMs + sustainedRecoveryMs`); when recovery was never reached
 *   the fault lasts to the end of the data.
 * - `after` each fault: from the end of `during` to the next fault or the end of the data.
 *
 * A `during` that would run past the next fault is cut there, since from then on the next
 * fault is what the requests experience. Empty spans are left out, so the spans are contiguous
 * and non-overlapping but not every fault has an `after`. Without faults the whole run is `before`.
 *
 * @param recoveries sustained recovery per fault id (from `faultRecovery`); a fault missing here is
 *   treated as never recovered.
 */
export function splitPhases(
  faults: readonly Pick<FaultPlan, 'id' | 'atMs' | 'durationMs'>[],
  recoveries: readonly { readonly faultId: string; readonly sustainedRecoveryMs: number | null }[],
  endOfDataMs: number,
): PhaseSpan[] {
  const recovered = new Map(recoveries.map((r) => [r.faultId, r.sustainedRecoveryMs]));
  const ordered = [...faults].sort((a, b) => a.atMs - b.atMs);
  const spans: PhaseSpan[] = [];
  const push = (span: PhaseSpan): void => {
    if (span.toMs > span.fromMs) spans.push(span);
  };

  push({ phase: 'before', fromMs: 0, toMs: Math.min(ordered[0]?.atMs ?? endOfDataMs, endOfDataMs) });
  ordered.forEach((fault, index) => {
    const nextAt = Math.min(ordered[index + 1]?.atMs ?? endOfDataMs, endOfDataMs);
    const sustained = recovered.get(fault.id);
    const recoveredAt = sustained === undefined || sustained === null ? endOfDataMs : fault.atMs + sustained;
    const duringEnd = Math.min(Math.max(fault.atMs + (fault.durationMs ?? 0), recoveredAt), nextAt);
    push({ phase: 'during', faultId: fault.id, fromMs: fault.atMs, toMs: duringEnd });
    push({ phase: 'after', faultId: fault.id, fromMs: Math.max(duringEnd, fault.atMs), toMs: nextAt });
  });
  return spans;
}

/**
 * The phase of every request, by scheduled time, as a column parallel to `samples` (codes from
 * {@link PhaseCode}). Requests before the first span count as `before`; requests after the last
 * span (e.g. scheduled after the data end used for the spans) take the last span's phase.
 */
export function phaseColumn(samples: RequestSamples, spans: readonly PhaseSpan[]): Uint8Array {
  const column = new Uint8Array(samples.length);
  const ordered = [...spans].sort((a, b) => a.fromMs - b.fromMs);
  const starts = Float64Array.from(ordered, (s) => s.fromMs);
  const codes = Uint8Array.from(ordered, (s) => PhaseCode[s.phase]);
  for (let i = 0; i < samples.length; i++) {
    const t = samples.scheduledMs[i] as number;
    // Last span starting at or before t; the spans are contiguous, so it contains t.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    column[i] = lo === 0 ? PhaseCode.before : (codes[lo - 1] as number);
  }
  return column;
}
