import { inOpMask, OpMask } from './op-mask.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** A span of consecutive buckets whose share of non-ok requests was above the bound. */
export interface DegradedWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Requests scheduled in the window. */
  readonly requests: number;
  /** Of which not ok (failed or unknown). */
  readonly notOk: number;
  /** The highest bucket error rate in the window, 0…1. */
  readonly worstErrorRate: number;
}

export interface DegradedSummary {
  readonly windows: readonly DegradedWindow[];
  readonly longestMs: number;
  readonly totalMs: number;
  /** The bound: a bucket is degraded when more than this share of its requests was not ok. */
  readonly errorRateAbove: number;
  /** Bucket width; also the resolution of every window edge. */
  readonly bucketMs: number;
}

export interface DegradedOptions {
  /** A bucket is degraded when its share of non-ok requests is above this, 0…1. */
  readonly errorRateAbove: number;
  /** @default 1000 */
  readonly bucketMs?: number;
  /** @default OpMask.all */
  readonly opMask?: OpMask;
  /** Rows to leave out (e.g. requests the load generator itself delayed). */
  readonly exclude?: (row: number) => boolean;
}

/**
 * Degraded windows: the run cut into buckets of `bucketMs` by scheduled time (what users asked
 * for when), each bucket degraded when more than `errorRateAbove` of its requests were not ok;
 * consecutive degraded buckets form one window. Where an outage counts the time nothing worked,
 * this counts the time too much did not: 10 s at 5 % errors is 10 s degraded at a 1 % bound.
 * Edges are exact to one bucket. Buckets without requests are never degraded. Pure.
 */
export function degradedWindows(samples: RequestSamples, options: DegradedOptions): DegradedSummary {
  const bucketMs = options.bucketMs ?? 1000;
  const mask = options.opMask ?? OpMask.all;
  const totals = new Map<number, { requests: number; notOk: number }>();
  for (let i = 0; i < samples.length; i++) {
    if (!inOpMask(mask, samples.op[i] as number) || options.exclude?.(i)) continue;
    const index = Math.floor((samples.scheduledMs[i] as number) / bucketMs);
    const bucket = totals.get(index) ?? { requests: 0, notOk: 0 };
    bucket.requests++;
    if (samples.outcome[i] !== Outcome.ok) bucket.notOk++;
    totals.set(index, bucket);
  }

  const windows: DegradedWindow[] = [];
  let current: { first: number; last: number; requests: number; notOk: number; worst: number } | undefined;
  const flush = (): void => {
    if (!current) return;
    const startMs = current.first * bucketMs;
    const endMs = (current.last + 1) * bucketMs;
    windows.push({ startMs, endMs, durationMs: endMs - startMs, requests: current.requests, notOk: current.notOk, worstErrorRate: current.worst });
    current = undefined;
  };
  for (const index of [...totals.keys()].sort((a, b) => a - b)) {
    const { requests, notOk } = totals.get(index)!;
    const rate = notOk / requests;
    if (rate <= options.errorRateAbove) {
      flush();
      continue;
    }
    if (current && current.last === index - 1) {
      current.last = index;
      current.requests += requests;
      current.notOk += notOk;
      current.worst = Math.max(current.worst, rate);
    } else {
      flush();
      current = { first: index, last: index, requests, notOk, worst: rate };
    }
  }
  flush();
  let longestMs = 0;
  let totalMs = 0;
  for (const w of windows) {
    longestMs = Math.max(longestMs, w.durationMs);
    totalMs += w.durationMs;
  }
  return { windows, longestMs, totalMs, errorRateAbove: options.errorRateAbove, bucketMs };
}
