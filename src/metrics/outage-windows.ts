import { orderBy } from './_order.js';
import { dataEndMs } from './data-end.js';
import { inOpMask, OpMask } from './op-mask.js';
import { percentileOfSorted, sortedSamples } from './percentile.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** One client-observed outage: a span in which the service did not answer reliably. */
export interface OutageWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Requests that definitely failed and completed inside the window. */
  readonly failed: number;
  /** Requests with an unknown outcome (timeouts, resets after send) that completed inside it. */
  readonly unknown: number;
  /** Ok answers inside the window that were not followed by sustained success (lucky successes). */
  readonly ok: number;
  /** The window was still open when the data ended; `endMs` is then the end of the data. */
  readonly ongoing: boolean;
}

export interface OutageSummary {
  /** In time order, never overlapping. */
  readonly windows: readonly OutageWindow[];
  /** Duration of the longest window; 0 without outages. */
  readonly longestMs: number;
  /** Sum of all window durations. */
  readonly totalMs: number;
  /**
   * Estimated resolution of each window edge: mean interval between scheduled requests plus
   * the median ok latency; `null` with fewer than two requests.
   */
  readonly resolutionMs: number | null;
  /** How long success had to hold (by schedule) to end a window. */
  readonly sustainMs: number;
}

export interface OutageOptions {
  /** Only requests with these ops, e.g. {@link OpMask.write} for a write outage. @default OpMask.all */
  readonly opMask?: OpMask;
  /** Where an outage still open at the end stops. @default the latest completion or scheduled time of any request */
  readonly endOfDataMs?: number;
  /**
   * An ok answer ends an outage only if every request scheduled in the next `sustainMs` (from its
   * own scheduled time) is ok too. @default 250
   */
  readonly sustainMs?: number;
  /** Rows to leave out (e.g. requests the load generator itself delayed); by row index. */
  readonly exclude?: (row: number) => boolean;
}

/** Default of {@link OutageOptions.sustainMs} (and of `slo.outageSustain`). */
export const defaultOutageSustainMs = 250;

/** Consecutive ok requests (by schedule) a run needs, besides lasting `sustainMs`, to end an outage. */
export const minOkRun = 3;

/**
 * Client-observed outage windows.
 *
 * Requests are walked in schedule order. The first non-ok request B opens a window; it closes at
 * the answer of the first ok request R after it that starts sustained success: R and the
 * requests after it are ok for at least `sustainMs` (by schedule) and at least {@link minOkRun}
 * requests, and the data covers that span. Ok answers inside the window that do not start such
 * a run (lucky successes of a partial outage) do not split it: 10 s at 50 % errors is one 10 s
 * outage, not hundreds of short ones. The window ends no earlier than the last failure of a
 * request due before R was answered: a request that hung until its timeout was a failure the
 * client saw then, so the outage lasted at least until it.
 *
 * The start is `max(B.scheduledMs, lastOk)`, where `lastOk` is the latest answer of an ok request
 * due before B and answered no later than B was: until then the client had evidence the service
 * worked. (A request frozen with the service that succeeds after the thaw is not such evidence,
 * since it was answered after B failed.) With no such ok, the start is when B was due.
 *
 * Example (ground truth in the integration suite): the only backend paused for 3 s at 200 req/s
 * with a 1 s timeout. Requests due during the pause time out (unknown) 1 s later; when the backend
 * thaws the backlog completes ok, except the oldest of it, which had already timed out. The window
 * runs from the first hung request's due time to the first ok of the backlog after which nothing
 * failed: 3 s plus the drain, within the resolution.
 *
 * Resolution: each edge is uncertain by about one request interval plus one request latency
 * (≈ 1/rate + latency, e.g. 5 ms + 2 ms at 200 req/s against a local stack), so a window is
 * accurate to roughly twice that; `resolutionMs` estimates one edge from the data. Failures
 * further apart than `sustainMs` (and {@link minOkRun} requests) stay separate short windows.
 *
 * A window still open when the data ends is `ongoing` and ends at `endOfDataMs` (by default the
 * latest completion or scheduled time of any request): the data says nothing beyond that.
 * Windows that overlap (a late failure reaching into the next one) are merged. Input rows may be
 * in any order.
 */
export function outageWindows(samples: RequestSamples, options: OutageOptions = {}): OutageSummary {
  const mask = options.opMask ?? OpMask.all;
  const sustainMs = options.sustainMs ?? defaultOutageSustainMs;
  const exclude = options.exclude;
  const { scheduledMs, endMs, outcome, op } = samples;
  const rows = orderBy(samples.length, scheduledMs, endMs, (i) => inOpMask(mask, op[i] as number) && !exclude?.(i));
  const n = rows.length;
  const sched = (k: number): number => scheduledMs[rows[k] as number] as number;
  const end = (k: number): number => endMs[rows[k] as number] as number;
  const ok = (k: number): boolean => outcome[rows[k] as number] === Outcome.ok;
  const sustained = sustainedRuns(n, sched, ok, sustainMs);
  let longestSpan = 0; // longest due → answer of any request: how far back an ok can bear on a start
  for (let k = 0; k < n; k++) longestSpan = Math.max(longestSpan, end(k) - sched(k));

  const windows: OutageWindow[] = [];
  const push = (window: OutageWindow): void => {
    const previous = windows[windows.length - 1];
    if (previous && window.startMs <= previous.endMs) {
      const endAt = Math.max(previous.endMs, window.endMs);
      windows[windows.length - 1] = {
        startMs: previous.startMs, endMs: endAt, durationMs: endAt - previous.startMs,
        failed: previous.failed + window.failed, unknown: previous.unknown + window.unknown, ok: previous.ok + window.ok,
        ongoing: window.ongoing,
      };
    } else windows.push(window);
  };

  let k = 0;
  while (k < n) {
    if (ok(k)) {
      k++;
      continue;
    }
    const first = k;
    let lastOk = -Infinity;
    for (let j = first - 1; j >= 0 && sched(j) >= sched(first) - longestSpan; j--) {
      if (ok(j) && end(j) <= end(first)) lastOk = Math.max(lastOk, end(j));
    }
    const startMs = Math.max(sched(first), lastOk);
    let failed = 0;
    let unknown = 0;
    let lucky = 0;
    let lastFailureEnd = -Infinity;
    let closedAt: number | undefined;
    for (; k < n; k++) {
      if (ok(k)) {
        if (sustained[k] === 1) {
          closedAt = Math.max(end(k), lastFailureEnd);
          k++;
          break;
        }
        lucky++;
        continue;
      }
      if (outcome[rows[k] as number] === Outcome.unknown) unknown++;
      else failed++;
      lastFailureEnd = Math.max(lastFailureEnd, end(k));
    }
    const ongoing = closedAt === undefined;
    const endAt = Math.max(startMs, closedAt ?? options.endOfDataMs ?? dataEndMs(samples));
    push({ startMs, endMs: endAt, durationMs: endAt - startMs, failed, unknown, ok: lucky, ongoing });
  }

  let longestMs = 0;
  let totalMs = 0;
  for (const w of windows) {
    longestMs = Math.max(longestMs, w.durationMs);
    totalMs += w.durationMs;
  }
  return { windows, longestMs, totalMs, resolutionMs: edgeResolutionMs(samples, rows), sustainMs };
}

/**
 * 1 at every position (schedule order) of an ok request that starts sustained success: the run
 * of consecutive ok requests from it holds at least {@link minOkRun} requests and lasts more than
 * `sustainMs` — up to the next failure, or, with none after it, up to data that covers the span.
 */
function sustainedRuns(n: number, sched: (k: number) => number, ok: (k: number) => boolean, sustainMs: number): Uint8Array {
  const marks = new Uint8Array(n);
  const lastScheduled = n === 0 ? -Infinity : sched(n - 1);
  let nextBad = Infinity; // scheduled time of the nearest failing request after the current one
  let run = 0; // ok requests from the current one up to the next failure
  for (let k = n - 1; k >= 0; k--) {
    if (!ok(k)) {
      nextBad = sched(k);
      run = 0;
      continue;
    }
    run++;
    const reach = sched(k) + sustainMs;
    const lasts = nextBad === Infinity ? lastScheduled >= reach : nextBad > reach;
    if (run >= minOkRun && lasts) marks[k] = 1;
  }
  return marks;
}

function edgeResolutionMs(samples: RequestSamples, rows: Uint32Array): number | null {
  if (rows.length < 2) return null;
  let minScheduled = Infinity;
  let maxScheduled = -Infinity;
  const okLatencies = new Float64Array(rows.length);
  let okCount = 0;
  for (const row of rows) {
    const scheduled = samples.scheduledMs[row] as number;
    minScheduled = Math.min(minScheduled, scheduled);
    maxScheduled = Math.max(maxScheduled, scheduled);
    if (samples.outcome[row] === Outcome.ok) {
      okLatencies[okCount++] = (samples.endMs[row] as number) - (samples.sentMs[row] as number);
    }
  }
  const interval = (maxScheduled - minScheduled) / (rows.length - 1);
  // Median, not mean: the few multi-second latencies of a backlog flush must not widen it.
  const latency = percentileOfSorted(sortedSamples(okLatencies.subarray(0, okCount)), 0.5);
  return interval + latency;
}
