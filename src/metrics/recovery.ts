import type { FaultPlan } from '../scenario/plan.js';
import { orderBy } from './_order.js';
import { inOpMask, OpMask } from './op-mask.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** How the service fared after one fault, in milliseconds from the fault's `atMs`. */
export interface FaultRecovery {
  readonly faultId: string;
  readonly atMs: number;
  /**
   * Scheduled time of the first non-ok request attributable to the fault, minus `atMs`; negative
   * (down to −timeoutMs) when a request already in flight at the fault failed. `null` when none did.
   */
  readonly firstErrorMs: number | null;
  /** End of the earliest-ending ok request sent at or after the fault; `null` if none. */
  readonly firstSuccessMs: number | null;
  /**
   * When the answer came to the first request R that starts `sustainMs` (by schedule) of nothing
   * but ok requests: the first moment a client saw the service back for good. 0 when no request
   * failed because of the fault; `null` when that never happened within the data.
   */
  readonly sustainedRecoveryMs: number | null;
  /**
   * For a fault that ended (was healed) during the data: from the heal to sustained recovery,
   * 0 if the service had recovered before the heal; `null` if it never recovered; `undefined`
   * for faults not healed within the data.
   */
  readonly afterHealMs: number | null | undefined;
  /** Attributable requests that definitely failed. */
  readonly failed: number;
  /** Attributable requests with an unknown outcome. */
  readonly unknown: number;
}

export interface RecoveryOptions {
  /** How long requests must all be ok to count as recovered (the plan's `slo.sustainMs`). */
  readonly sustainMs: number;
  /**
   * The request timeout (the plan's `load.timeoutMs`): a request scheduled up to this long before
   * the fault may still be in flight when it hits, and fail because of it.
   */
  readonly timeoutMs: number;
  /** Only requests with these ops, e.g. {@link OpMask.write}. @default OpMask.all */
  readonly opMask?: OpMask;
}

/**
 * Recovery figures per fault, in the order the faults are given.
 *
 * A non-ok request is attributed to a fault when it was scheduled no earlier than
 * `atMs − timeoutMs` (in flight at the fault) and completed at or after `atMs`, and before the
 * recovery point (`atMs + sustainedRecoveryMs`) or the next fault, whichever comes first. The
 * in-flight margin never reaches back past the previous fault, so no request counts twice.
 *
 * Sustained recovery looks for the first ok request R, scheduled at or after both the fault and
 * its first attributable error, such that every request scheduled in
 * `[R.scheduledMs, R.scheduledMs + sustainMs]` is ok and that window ends no later than the last
 * scheduled request (so the window is covered by data). Starting no earlier than the first error
 * keeps the ok requests between the fault and the moment it bites (e.g. detection delay) from
 * counting as "recovered" before anything went wrong. The search is not cut at the next fault: if
 * the service had not recovered before the next fault hit, the figure says so by being long.
 */
export function faultRecovery(
  samples: RequestSamples,
  faults: readonly (Pick<FaultPlan, 'id' | 'atMs'> & { readonly healAtMs?: number | undefined })[],
  options: RecoveryOptions,
): FaultRecovery[] {
  const mask = options.opMask ?? OpMask.all;
  const { scheduledMs, sentMs, endMs, outcome, op } = samples;
  const rows = orderBy(samples.length, scheduledMs, endMs, (i) => inOpMask(mask, op[i] as number));
  const sched = (k: number): number => scheduledMs[rows[k] as number] as number;
  const bad = (k: number): boolean => outcome[rows[k] as number] !== Outcome.ok;
  const lastScheduled = rows.length === 0 ? -Infinity : sched(rows.length - 1);

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

  const sustainedFrom = (fromMs: number, atMs: number): number | null => {
    let k = firstAtOrAfter(fromMs);
    while (k < rows.length) {
      if (bad(k)) {
        k++;
        continue;
      }
      const limit = sched(k) + options.sustainMs;
      if (limit > lastScheduled) return null;
      let j = k + 1;
      while (j < rows.length && sched(j) <= limit && !bad(j)) j++;
      // Recovered when R's answer arrived: a request due during the outage may still succeed
      // late (it waited out the fault), and the service was not back before it answered.
      if (j >= rows.length || sched(j) > limit) return (endMs[rows[k] as number] as number) - atMs;
      k = j + 1;
    }
    return null;
  };

  const ordered = faults.map((fault, index) => ({ fault, index })).sort((a, b) => a.fault.atMs - b.fault.atMs);
  const results: FaultRecovery[] = new Array<FaultRecovery>(faults.length);
  ordered.forEach(({ fault, index: inputIndex }, index) => {
    const { atMs } = fault;
    const previousAt = ordered[index - 1]?.fault.atMs ?? -Infinity;
    const nextAt = ordered[index + 1]?.fault.atMs ?? Infinity;
    const lower = Math.max(atMs - options.timeoutMs, previousAt);
    const isAttributable = (k: number): boolean => bad(k) && (endMs[rows[k] as number] as number) >= atMs;

    let firstErrorScheduled: number | null = null;
    for (let k = firstAtOrAfter(lower); k < rows.length && sched(k) < nextAt; k++) {
      if (isAttributable(k)) {
        firstErrorScheduled = sched(k);
        break;
      }
    }
    const sustainedRecoveryMs = firstErrorScheduled === null
      ? 0
      : sustainedFrom(Math.max(atMs, firstErrorScheduled), atMs);

    const upper = Math.min(nextAt, sustainedRecoveryMs === null ? Infinity : atMs + sustainedRecoveryMs);
    let failed = 0;
    let unknown = 0;
    for (let k = firstAtOrAfter(lower); k < rows.length && sched(k) < upper; k++) {
      if (!isAttributable(k)) continue;
      if (outcome[rows[k] as number] === Outcome.unknown) unknown++;
      else failed++;
    }

    results[inputIndex] = {
      faultId: fault.id,
      atMs,
      firstErrorMs: firstErrorScheduled === null ? null : firstErrorScheduled - atMs,
      firstSuccessMs: firstSuccess(atMs),
      sustainedRecoveryMs,
      afterHealMs: fault.healAtMs === undefined ? undefined
        : sustainedRecoveryMs === null ? null : Math.max(0, atMs + sustainedRecoveryMs - fault.healAtMs),
      failed,
      unknown,
    };
  });
  return results;
}
