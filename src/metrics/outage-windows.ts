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

/**
 * Client-observed outage windows, computed by completion time.
 *
 * Requests are walked in order of `endMs`. A non-ok completion opens a window (unless one is
 * open). The window closes at the answer of the first ok request R that is followed by sustained
 * success: every request scheduled in `[R.scheduledMs, R.scheduledMs + sustainMs]` is ok (or no
 * request after R fails at all). That is the first moment the client has evidence the service
 * answers again, and keeps answering. An ok answer inside the window that is not followed by
 * sustained success (a lucky success during a partial outage) does not split it: 10 s at 50 %
 * errors is one 10 s outage, not hundreds of short ones.
 *
 * The start is `max(lastOkEnd, earliestScheduled)`:
 * - `lastOkEnd` is the end of the last ok completion before the window opened: until then the
 *   client had evidence the service worked.
 * - `earliestScheduled` is the earliest scheduled time of any non-ok request in the window, not
 *   only the first to complete: a timeout completes `timeoutMs` after it was due while a fast
 *   refusal completes at once, and the outage began when the earlier of them was due.
 * - Taking the later of the two matters when the last ok is older than the failing request
 *   (the usual case for a paused backend: the last ok came back, then the next request was due and
 *   hung): the service is not known to be down before a request was due and got no answer, so the
 *   gap between them is not counted. With no ok completion before, the start is simply
 *   `earliestScheduled` (an outage at the very start of the run).
 *
 * Example (ground truth in the integration suite): the only backend paused for 3 s at 200 req/s
 * with a 1 s timeout. Requests due during the pause time out (unknown) 1 s later; when the backend
 * thaws the backlog completes ok, except the oldest of it, which had already timed out. The window
 * runs from the first hung request's scheduled time to the first ok of the backlog after which
 * nothing failed: 3 s plus the drain, within the resolution.
 *
 * Resolution: each edge is uncertain by about one request interval plus one request latency
 * (≈ 1/rate + latency, e.g. 5 ms + 2 ms at 200 req/s against a local stack), so a window is
 * accurate to roughly twice that; `resolutionMs` estimates one edge from the data. Sparse
 * failures (further apart than `sustainMs`) still show up as short windows of their own.
 *
 * A window still open when the data ends is `ongoing` and ends at `endOfDataMs` (by default the
 * latest completion or scheduled time of any request): the data says nothing beyond that.
 * Input rows may be in any order.
 */
export function outageWindows(samples: RequestSamples, options: OutageOptions = {}): OutageSummary {
  const mask = options.opMask ?? OpMask.all;
  const sustainMs = options.sustainMs ?? defaultOutageSustainMs;
  const exclude = options.exclude;
  const { scheduledMs, endMs, outcome, op } = samples;
  const include = (i: number): boolean => inOpMask(mask, op[i] as number) && !exclude?.(i);
  const rows = orderBy(samples.length, endMs, scheduledMs, include);
  const sustained = sustainedRows(samples, include, sustainMs);
  const windows: OutageWindow[] = [];

  let lastOkEnd = -Infinity;
  let open = false;
  let okBeforeWindow = -Infinity;
  let earliestScheduled = Infinity;
  let failed = 0;
  let unknown = 0;
  let lucky = 0;
  const close = (end: number, ongoing: boolean): void => {
    const start = Math.max(okBeforeWindow, earliestScheduled);
    const stop = Math.max(end, start);
    windows.push({ startMs: start, endMs: stop, durationMs: stop - start, failed, unknown, ok: lucky, ongoing });
    open = false;
    earliestScheduled = Infinity;
    failed = 0;
    unknown = 0;
    lucky = 0;
  };

  for (const row of rows) {
    const code = outcome[row];
    if (code === Outcome.ok) {
      if (open) {
        if (sustained[row] === 1) close(endMs[row] as number, false);
        else lucky++;
      }
      lastOkEnd = endMs[row] as number;
      continue;
    }
    if (!open) {
      open = true;
      okBeforeWindow = lastOkEnd;
    }
    earliestScheduled = Math.min(earliestScheduled, scheduledMs[row] as number);
    if (code === Outcome.unknown) unknown++;
    else failed++;
  }
  if (open) close(options.endOfDataMs ?? dataEndMs(samples), true);

  let longestMs = 0;
  let totalMs = 0;
  for (const w of windows) {
    longestMs = Math.max(longestMs, w.durationMs);
    totalMs += w.durationMs;
  }
  return { windows, longestMs, totalMs, resolutionMs: edgeResolutionMs(samples, rows), sustainMs };
}

/**
 * 1 for every ok row after which every included request scheduled within `sustainMs` is ok (or
 * after which no included request fails at all), by schedule order.
 */
function sustainedRows(samples: RequestSamples, include: (row: number) => boolean, sustainMs: number): Uint8Array {
  const bySchedule = orderBy(samples.length, samples.scheduledMs, samples.endMs, include);
  const marks = new Uint8Array(samples.length);
  let nextBad = Infinity; // scheduled time of the nearest failing request after the current one
  for (let k = bySchedule.length - 1; k >= 0; k--) {
    const row = bySchedule[k] as number;
    const scheduled = samples.scheduledMs[row] as number;
    if (samples.outcome[row] !== Outcome.ok) {
      nextBad = scheduled;
      continue;
    }
    if (nextBad > scheduled + sustainMs) marks[row] = 1;
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
