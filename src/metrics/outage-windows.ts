import { orderBy } from './_order.js';
import { dataEndMs } from './data-end.js';
import { inOpMask, OpMask } from './op-mask.js';
import { percentileOfSorted, sortedSamples } from './percentile.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** One client-observed outage: a span in which no request completed ok. */
export interface OutageWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Requests that definitely failed and completed inside the window. */
  readonly failed: number;
  /** Requests with an unknown outcome (timeouts, resets after send) that completed inside it. */
  readonly unknown: number;
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
}

export interface OutageOptions {
  /** Only requests with these ops, e.g. {@link OpMask.write} for a write outage. @default OpMask.all */
  readonly opMask?: OpMask;
  /** Where an outage still open at the end stops. @default the latest completion or scheduled time of any request */
  readonly endOfDataMs?: number;
}

/**
 * Client-observed outage windows, computed by completion time.
 *
 * Requests are walked in order of `endMs`. A non-ok completion opens a window (unless one is
 * open); the next ok completion closes it at that ok request's `endMs`, because that is the first
 * moment the client has evidence the service answers again.
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
 * thaws the backlog completes ok. The window runs from the first hung request's scheduled time to
 * the first ok of the backlog flush: 3 s within the resolution.
 *
 * Resolution: each edge is uncertain by about one request interval plus one request latency
 * (≈ 1/rate + latency, e.g. 5 ms + 2 ms at 200 req/s against a local stack), so a window is
 * accurate to roughly twice that; `resolutionMs` estimates one edge from the data. A partial
 * outage (some requests fail, others succeed) shows up as many short windows, each a few
 * request intervals long, since every ok completion closes the current window.
 *
 * A window still open when the data ends is `ongoing` and ends at `endOfDataMs` (by default the
 * latest completion or scheduled time of any request): the data says nothing beyond that.
 * Input rows may be in any order.
 */
export function outageWindows(samples: RequestSamples, options: OutageOptions = {}): OutageSummary {
  const mask = options.opMask ?? OpMask.all;
  const { scheduledMs, endMs, outcome, op } = samples;
  const rows = orderBy(samples.length, endMs, scheduledMs, (i) => inOpMask(mask, op[i] as number));
  const windows: OutageWindow[] = [];

  let lastOkEnd = -Infinity;
  let open = false;
  let earliestScheduled = Infinity;
  let failed = 0;
  let unknown = 0;
  const close = (end: number, ongoing: boolean): void => {
    const start = Math.max(lastOkEnd, earliestScheduled);
    const stop = Math.max(end, start);
    windows.push({ startMs: start, endMs: stop, durationMs: stop - start, failed, unknown, ongoing });
    open = false;
    earliestScheduled = Infinity;
    failed = 0;
    unknown = 0;
  };

  for (const row of rows) {
    const code = outcome[row];
    if (code === Outcome.ok) {
      if (open) close(endMs[row] as number, false);
      lastOkEnd = endMs[row] as number;
      continue;
    }
    open = true;
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
  return { windows, longestMs, totalMs, resolutionMs: edgeResolutionMs(samples, rows) };
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
