import type { FaultPlanBase } from '../scenario/plan.js';
import { orderBy } from './_order.js';
import { countAtOrBefore } from './_search.js';
import { inOpMask, OpMask } from './op-mask.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** Failures that came back after a fault's service had recovered (sustained), before the next fault. */
export interface Relapse {
  /** Scheduled time of the first failing request of the relapse, ms since load start. */
  readonly startMs: number;
  /** When the service was back for good after it (the answer that starts a sustained ok run); `null` if never within the data. */
  readonly recoveredAtMs: number | null;
  readonly failed: number;
  readonly unknown: number;
}

/**
 * How a fault's recovery stands at the end of the data:
 * - `recovered`: a sustained ok run was seen (or nothing failed, and the data covers one sustain window after the fault);
 * - `not-recovered`: requests were still failing when the data ended, or no full sustain window of ok requests followed;
 * - `too-short`: nothing failed, but the data after the fault is shorter than one sustain window, so there is no evidence.
 */
export type RecoveryStatus = 'recovered' | 'not-recovered' | 'too-short';

/** How the service fared after one fault, in milliseconds from the fault's `atMs`. */
export interface FaultRecovery {
  readonly faultId: string;
  readonly atMs: number;
  readonly status: RecoveryStatus;
  /**
   * Scheduled time of the first non-ok request attributable to the fault, minus `atMs`; negative
   * (down to −timeoutMs) when a request already in flight at the fault failed. `null` when none did.
   */
  readonly firstErrorMs: number | null;
  /** End of the earliest-ending ok request sent at or after the fault; `null` if none. */
  readonly firstSuccessMs: number | null;
  /**
   * When the answer came to the first request R that starts `sustainMs` (by schedule) of nothing
   * but ok requests: the first moment a client saw the service back. 0 when no request failed
   * because of the fault (and the data covers a sustain window); `null` when not recovered.
   */
  readonly sustainedRecoveryMs: number | null;
  /** Failures after the sustained recovery and before the next fault, each with its own recovery. */
  readonly relapses: readonly Relapse[];
  /** Recovery after the last relapse (equal to `sustainedRecoveryMs` without relapses); `null` if the last one never recovered. */
  readonly finalRecoveryMs: number | null;
  /**
   * When not recovered: how long after the fault requests were still seen failing (the answer to
   * the last attributable failure). A lower bound of the recovery time. `null` otherwise.
   */
  readonly stillFailingAtMs: number | null;
  /**
   * For a fault that ended (was healed) during the data: from the heal to the final recovery,
   * 0 if the service had recovered before the heal; `null` if it never recovered; `undefined`
   * for faults not healed within the data.
   */
  readonly afterHealMs: number | null | undefined;
  /** When the fault was healed (its revert began), ms since load start; `undefined` if not within the data. */
  readonly healedAtMs: number | undefined;
  /** Attributable requests that definitely failed (relapses included). */
  readonly failed: number;
  /** Attributable requests with an unknown outcome (relapses included). */
  readonly unknown: number;
}

export interface RecoveryOptions {
  /** How long requests must all be ok to count as recovered (the plan's `slo.sustainMs`). */
  readonly sustainMs: number;
  /** Only requests with these ops, e.g. {@link OpMask.write}. @default OpMask.all */
  readonly opMask?: OpMask;
  /** Rows to leave out (e.g. requests the load generator itself delayed); by row index. */
  readonly exclude?: (row: number) => boolean;
}

/**
 * Recovery figures per fault, in the order the faults are given.
 *
 * Attribution: every non-ok request belongs to the last fault injected at or before its answer
 * (its `endMs`): the fault that was in place when the client saw it fail. So a request already
 * in flight when a fault hits belongs to that fault (its first error is then negative), and
 * failures long after a fault, before the next one, are still that fault's (a relapse).
 *
 * Sustained recovery looks for the first ok request R, scheduled at or after both the fault and
 * its first attributable error, such that every request scheduled in
 * `[R.scheduledMs, R.scheduledMs + sustainMs]` is ok and that window ends no later than the last
 * scheduled request (so the window is covered by data). The recovery time is R's answer: a
 * request due during an outage that waits it out and succeeds late does not count as recovery
 * before it succeeded. Starting no earlier than the first error keeps the ok requests between the
 * fault and the moment it bites (e.g. detection delay) from counting as "recovered" before
 * anything went wrong. The search is not cut at the next fault: if the service had not recovered
 * before the next fault hit, the figure says so by being long.
 *
 * A relapse is an attributable failure scheduled after a sustained window; it gets its own
 * sustained recovery, searched the same way. `finalRecoveryMs` is the last of them.
 */
export function faultRecovery(
  samples: RequestSamples,
  faults: readonly (Pick<FaultPlanBase, 'id' | 'atMs'> & { readonly healAtMs?: number | undefined })[],
  options: RecoveryOptions,
): FaultRecovery[] {
  const mask = options.opMask ?? OpMask.all;
  const exclude = options.exclude;
  const { scheduledMs, sentMs, endMs, outcome, op } = samples;
  const rows = orderBy(samples.length, scheduledMs, endMs, (i) => inOpMask(mask, op[i] as number) && !exclude?.(i));
  const sched = (k: number): number => scheduledMs[rows[k] as number] as number;
  const end = (k: number): number => endMs[rows[k] as number] as number;
  const bad = (k: number): boolean => outcome[rows[k] as number] !== Outcome.ok;
  const lastScheduled = rows.length === 0 ? -Infinity : sched(rows.length - 1);
  const sustainMs = options.sustainMs;

  /** First position in `rows` whose scheduled time is ≥ t. */
  const firstAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sched(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const firstSuccess = (atMs: number): number | null => {
    let best = Infinity;
    for (let k = 0; k < rows.length; k++) {
      // end ≥ scheduled, so once requests are due after the best end none can beat it.
      if (sched(k) > best) break;
      const row = rows[k] as number;
      if (outcome[row] !== Outcome.ok || !((sentMs[row] as number) >= atMs)) continue;
      best = Math.min(best, endMs[row] as number);
    }
    return best === Infinity ? null : best - atMs;
  };

  /** Position of the first ok request scheduled at or after `fromMs` that starts a covered, all-ok sustain window. */
  const sustainedFrom = (fromMs: number): number | null => {
    let k = firstAtOrAfter(fromMs);
    while (k < rows.length) {
      if (bad(k)) {
        k++;
        continue;
      }
      const limit = sched(k) + sustainMs;
      if (limit > lastScheduled) return null;
      let j = k + 1;
      while (j < rows.length && sched(j) <= limit && !bad(j)) j++;
      if (j >= rows.length || sched(j) > limit) return k;
      k = j + 1;
    }
    return null;
  };

  const ordered = faults.map((fault, index) => ({ fault, index })).sort((a, b) => a.fault.atMs - b.fault.atMs);
  const starts = ordered.map(({ fault }) => fault.atMs);
  /** Index in `ordered` of the fault a failure answered at `t` belongs to; -1 before the first fault. */
  const ownerAt = (t: number): number => countAtOrBefore(starts, t) - 1;
  const attributed: number[][] = ordered.map(() => []);
  for (let k = 0; k < rows.length; k++) {
    if (!bad(k)) continue;
    const owner = ownerAt(end(k));
    if (owner >= 0) attributed[owner]!.push(k);
  }

  const results: FaultRecovery[] = new Array<FaultRecovery>(faults.length);
  ordered.forEach(({ fault, index: inputIndex }, index) => {
    const { atMs } = fault;
    const mine = attributed[index]!; // positions in schedule order
    let failed = 0;
    let unknown = 0;
    for (const k of mine) {
      if (outcome[rows[k] as number] === Outcome.unknown) unknown++;
      else failed++;
    }
    const base = { faultId: fault.id, atMs, healedAtMs: fault.healAtMs, firstSuccessMs: firstSuccess(atMs), failed, unknown };
    const healed = (recoveryMs: number | null): number | null | undefined =>
      fault.healAtMs === undefined ? undefined : recoveryMs === null ? null : Math.max(0, atMs + recoveryMs - fault.healAtMs);

    if (mine.length === 0) {
      const covered = lastScheduled >= atMs + sustainMs;
      const recoveryMs = covered ? 0 : null;
      results[inputIndex] = {
        ...base, status: covered ? 'recovered' : 'too-short', firstErrorMs: null, sustainedRecoveryMs: recoveryMs,
        relapses: [], finalRecoveryMs: recoveryMs, stillFailingAtMs: null, afterHealMs: healed(recoveryMs),
      };
      return;
    }

    const firstErrorScheduled = sched(mine[0]!);
    const lastFailureAnswer = (): number => Math.max(...mine.map((k) => end(k))) - atMs;
    const first = sustainedFrom(Math.max(atMs, firstErrorScheduled));
    if (first === null) {
      results[inputIndex] = {
        ...base, status: 'not-recovered', firstErrorMs: firstErrorScheduled - atMs, sustainedRecoveryMs: null,
        relapses: [], finalRecoveryMs: null, stillFailingAtMs: lastFailureAnswer(), afterHealMs: healed(null),
      };
      return;
    }

    const relapses: Relapse[] = [];
    let recoveredAt = first;
    let cursor = 0;
    let final: number | null = end(first) - atMs;
    for (;;) {
      const windowEnd = sched(recoveredAt) + sustainMs;
      while (cursor < mine.length && sched(mine[cursor]!) <= windowEnd) cursor++;
      if (cursor >= mine.length) break;
      const relapseStart = sched(mine[cursor]!);
      const next = sustainedFrom(relapseStart);
      const counts = { failed: 0, unknown: 0 };
      const upto = next === null ? Infinity : sched(next);
      for (let c = cursor; c < mine.length && sched(mine[c]!) < upto; c++) {
        if (outcome[rows[mine[c]!] as number] === Outcome.unknown) counts.unknown++;
        else counts.failed++;
      }
      relapses.push({ startMs: relapseStart, recoveredAtMs: next === null ? null : end(next), ...counts });
      if (next === null) {
        final = null;
        break;
      }
      recoveredAt = next;
      final = end(next) - atMs;
    }
    results[inputIndex] = {
      ...base,
      status: final === null ? 'not-recovered' : 'recovered',
      firstErrorMs: firstErrorScheduled - atMs,
      sustainedRecoveryMs: end(first) - atMs,
      relapses,
      finalRecoveryMs: final,
      stillFailingAtMs: final === null ? lastFailureAnswer() : null,
      afterHealMs: healed(final),
    };
  });
  return results;
}
