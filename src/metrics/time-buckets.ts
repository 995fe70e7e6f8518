import { LogLinearHistogram } from './log-linear-histogram.js';
import { Outcome, type RequestSamples } from './request-samples.js';

/** What a bucket needs of one completed request (a row of `RequestSamples`). */
export interface BucketRow {
  readonly scheduledMs: number;
  /** `NaN` when the request was never sent. */
  readonly sentMs: number;
  readonly endMs: number;
  /** An `Outcome` code. */
  readonly outcome: number;
}

/** Requests scheduled in `[startMs, endMs)`, by outcome, with their latency. */
export interface TimeBucket {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  readonly ok: number;
  readonly fail: number;
  readonly unknown: number;
  /** Never sent (also counted in `fail` or `unknown`). */
  readonly notSent: number;
  /** Latency (`endMs − sentMs` of sent requests) quantiles, approximate (see `LogLinearHistogram`); `null` if none was sent. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Exact. */
  readonly maxMs: number | null;
  /** p99 from the schedule (`endMs − scheduledMs` of sent requests, what a user waited); `null` if none was sent. */
  readonly dueP99Ms: number | null;
}

export interface BucketOptions {
  /** @default 1000 */
  readonly intervalMs?: number;
  /** Where the first bucket starts; buckets are aligned to multiples of `intervalMs`. @default 0 */
  readonly startMs?: number;
}

interface OpenBucket {
  ok: number;
  fail: number;
  unknown: number;
  notSent: number;
  readonly latency: LogLinearHistogram;
  readonly fromDue: LogLinearHistogram;
}

/**
 * Per-interval buckets built incrementally as requests complete, for the live progress line and
 * the journal. Requests are bucketed by scheduled time (open-loop: what the user asked for when),
 * so a bucket is final only once its last request can no longer be outstanding: drain up to
 * `now − timeoutMs`. A row for a bucket already drained is counted in {@link lateCount}, not
 * re-emitted, so the journal never holds two versions of one bucket.
 *
 * Memory is bounded by the number of open buckets times a sparse histogram each (see
 * `LogLinearHistogram`: ≤ 0.4 % quantile error), not by the request rate.
 */
export class BucketAccumulator {
  readonly intervalMs: number;
  private readonly open = new Map<number, OpenBucket>();
  private nextIndex: number;
  private late = 0;

  constructor(options: BucketOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    if (!(this.intervalMs > 0)) throw new RangeError(`intervalMs must be positive, got ${this.intervalMs}`);
    this.nextIndex = Math.floor((options.startMs ?? 0) / this.intervalMs);
  }

  /** Rows that arrived after their bucket was drained. */
  get lateCount(): number {
    return this.late;
  }

  add(row: BucketRow): void {
    const index = Math.floor(row.scheduledMs / this.intervalMs);
    if (index < this.nextIndex) {
      this.late++;
      return;
    }
    let bucket = this.open.get(index);
    if (bucket === undefined) {
      bucket = { ok: 0, fail: 0, unknown: 0, notSent: 0, latency: new LogLinearHistogram(), fromDue: new LogLinearHistogram() };
      this.open.set(index, bucket);
    }
    if (row.outcome === Outcome.ok) bucket.ok++;
    else if (row.outcome === Outcome.unknown) bucket.unknown++;
    else bucket.fail++;
    if (Number.isNaN(row.sentMs)) bucket.notSent++;
    else {
      bucket.latency.add(row.endMs - row.sentMs);
      bucket.fromDue.add(row.endMs - row.scheduledMs);
    }
  }

  /**
   * Removes and returns, in time order, every bucket that ends at or before `uptoMs`, including
   * empty ones, so the sequence has no gaps.
   */
  drain(uptoMs: number): TimeBucket[] {
    if (!Number.isFinite(uptoMs)) return this.flush();
    return this.emitThrough(Math.floor(uptoMs / this.intervalMs) - 1);
  }

  /** Removes and returns every remaining bucket up to the last one holding a request. */
  flush(): TimeBucket[] {
    let last = this.nextIndex - 1;
    for (const index of this.open.keys()) last = Math.max(last, index);
    return this.emitThrough(last);
  }

  private emitThrough(lastIndex: number): TimeBucket[] {
    const out: TimeBucket[] = [];
    for (let index = this.nextIndex; index <= lastIndex; index++) {
      out.push(this.finish(index, this.open.get(index)));
      this.open.delete(index);
    }
    this.nextIndex = Math.max(this.nextIndex, lastIndex + 1);
    return out;
  }

  private finish(index: number, bucket: OpenBucket | undefined): TimeBucket {
    const startMs = index * this.intervalMs;
    const latency = bucket?.latency;
    return {
      startMs,
      endMs: startMs + this.intervalMs,
      count: bucket === undefined ? 0 : bucket.ok + bucket.fail + bucket.unknown,
      ok: bucket?.ok ?? 0,
      fail: bucket?.fail ?? 0,
      unknown: bucket?.unknown ?? 0,
      notSent: bucket?.notSent ?? 0,
      p50Ms: latency?.quantile(0.5) ?? null,
      p99Ms: latency?.quantile(0.99) ?? null,
      maxMs: latency?.max ?? null,
      dueP99Ms: bucket?.fromDue.quantile(0.99) ?? null,
    };
  }
}

/** All buckets of a finished run (for reports re-rendered after the fact). */
export function timeBuckets(samples: RequestSamples, options: BucketOptions = {}): TimeBucket[] {
  const accumulator = new BucketAccumulator(options);
  for (let i = 0; i < samples.length; i++) {
    accumulator.add({
      scheduledMs: samples.scheduledMs[i] as number,
      sentMs: samples.sentMs[i] as number,
      endMs: samples.endMs[i] as number,
      outcome: samples.outcome[i] as number,
    });
  }
  return accumulator.flush();
}
