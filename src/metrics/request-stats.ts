import type { TagFilter } from '../scenario/plan.js';
import { opMaskFor, inOpMask } from './op-mask.js';
import { PhaseCode } from './phases.js';
import { generatorBehindFlags, Outcome, RequestFlag, type RequestSamples } from './request-samples.js';
import { Trend } from './trend-stats.js';

export interface RequestCounts {
  /** Every request due under the schedule, sent or not. */
  readonly total: number;
  readonly ok: number;
  readonly fail: number;
  readonly unknown: number;
  /** Requests never handed to the socket (also counted in `fail` or `unknown`). */
  readonly notSent: number;
  /** Of `notSent`: the system did not accept a connection before the request's timeout. */
  readonly refused: number;
  /**
   * Requests the load generator itself never sent: their timeout passed before it could issue
   * them, or while they waited for a connection of its own pool. k6's `dropped_iterations`: work
   * the generator dropped, not work the system refused. (Requests it sent late are flagged, and
   * counted in `generatorBehind`, but they were sent.)
   */
  readonly dropped: number;
  /** Requests the generator was behind for in any way (late, pool wait, or an event-loop stall). */
  readonly generatorBehind: number;
}

/** The k6-named aggregates of a set of requests. */
export interface RequestStats {
  readonly counts: RequestCounts;
  /** Request-based availability `ok / total`; `null` when there were no requests. */
  readonly availability: number | null;
  /**
   * `endMs − sentMs` of every sent request, whatever its outcome: like k6, failed requests keep
   * their duration, and a timed-out request counts with the time it took to give up (≈ the
   * timeout), so an outage shows in the tail instead of vanishing from it.
   */
  readonly http_req_duration: Trend;
  /**
   * `sentMs − scheduledMs` of every sent request: time spent waiting for a connection or the
   * event loop. High values mean the load generator, not the system, was the bottleneck.
   */
  readonly http_req_blocked: Trend;
  /**
   * `endMs − scheduledMs` of every request, sent or not: what a user waiting on the request saw,
   * from the moment it was due (a request that never got a connection counts its full timeout).
   */
  readonly faultline_response_time: Trend;
  /** k6 rate metric: `rate` = non-ok / total (`null` with no requests); `passes` = non-ok, `fails` = ok. */
  readonly http_req_failed: { readonly rate: number | null; readonly passes: number; readonly fails: number };
  /**
   * k6 counter: every request due (sent or not, matching `http_req_failed`'s denominator);
   * `rate` per second over the run duration, `null` when that duration is not positive.
   */
  readonly http_reqs: { readonly count: number; readonly rate: number | null };
}

export interface RequestStatsOptions {
  /** Duration the `http_reqs` rate is taken over (the load duration, as k6 uses the test duration). */
  readonly runDurationMs: number;
  /** Only requests matching these tags. @default {} (all requests) */
  readonly filter?: TagFilter;
  /** Phase per request (from `phaseColumn`); required when `filter.phase` is set. */
  readonly phases?: Uint8Array;
  /** Only rows for which this is true (e.g. one span of the run). */
  readonly include?: (row: number) => boolean;
}

/**
 * Aggregates requests into the figures thresholds and reports use.
 * @throws Error when `filter.phase` is given without a `phases` column (a bug in the caller).
 */
export function requestStats(samples: RequestSamples, options: RequestStatsOptions): RequestStats {
  const filter = options.filter ?? {};
  const { phases } = options;
  if (filter.phase !== undefined && phases === undefined) {
    throw new Error('requestStats: a phase filter needs the phases column');
  }
  const mask = opMaskFor(filter.op);
  const wantedPhase = filter.phase === undefined ? -1 : PhaseCode[filter.phase];
  const expected = filter.expectedResponse;

  const include = options.include;
  const n = samples.length;
  const durations = new Float64Array(n);
  const blocked = new Float64Array(n);
  const response = new Float64Array(n);
  let sent = 0;
  let total = 0;
  let ok = 0;
  let fail = 0;
  let unknown = 0;
  let notSent = 0;
  let refused = 0;
  let dropped = 0;
  let behind = 0;
  for (let i = 0; i < n; i++) {
    if (!inOpMask(mask, samples.op[i] as number)) continue;
    if (wantedPhase >= 0 && phases?.[i] !== wantedPhase) continue;
    if (include !== undefined && !include(i)) continue;
    if (expected !== undefined && (samples.outcome[i] === Outcome.ok) !== expected) continue;
    response[total] = (samples.endMs[i] as number) - (samples.scheduledMs[i] as number);
    total++;
    const outcome = samples.outcome[i];
    if (outcome === Outcome.ok) ok++;
    else if (outcome === Outcome.unknown) unknown++;
    else fail++;
    const flags = samples.flags[i] as number;
    if ((flags & generatorBehindFlags) !== 0) behind++;
    const generatorLate = (flags & (RequestFlag.issuedLate | RequestFlag.poolWait)) !== 0;
    const sentAt = samples.sentMs[i] as number;
    if (Number.isNaN(sentAt)) {
      notSent++;
      if (generatorLate) dropped++;
      else if ((flags & RequestFlag.refused) !== 0) refused++;
      continue;
    }
    durations[sent] = (samples.endMs[i] as number) - sentAt;
    blocked[sent] = sentAt - (samples.scheduledMs[i] as number);
    sent++;
  }

  const failedCount = fail + unknown;
  return {
    counts: { total, ok, fail, unknown, notSent, refused, dropped, generatorBehind: behind },
    availability: total === 0 ? null : ok / total,
    http_req_duration: new Trend(durations.subarray(0, sent)),
    http_req_blocked: new Trend(blocked.subarray(0, sent)),
    faultline_response_time: new Trend(response.subarray(0, total)),
    http_req_failed: { rate: total === 0 ? null : failedCount / total, passes: failedCount, fails: ok },
    http_reqs: { count: total, rate: options.runDurationMs > 0 ? total / (options.runDurationMs / 1000) : null },
  };
}

/**
 * `requestStats` per tag filter, computed once per distinct filter: several thresholds usually
 * share a key, and each pass is O(requests).
 */
export function requestStatsProvider(
  samples: RequestSamples,
  options: Omit<RequestStatsOptions, 'filter'>,
): (filter: TagFilter) => RequestStats {
  const cache = new Map<string, RequestStats>();
  return (filter) => {
    const key = `${filter.phase ?? '*'}|${filter.op ?? '*'}|${filter.expectedResponse ?? '*'}`;
    let stats = cache.get(key);
    if (stats === undefined) {
      stats = requestStats(samples, { ...options, filter });
      cache.set(key, stats);
    }
    return stats;
  };
}
