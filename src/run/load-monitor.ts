import { Outcome } from '../metrics/request-samples.js';
import { BucketAccumulator, type TimeBucket } from '../metrics/time-buckets.js';
import type { OpenLoopLoad } from '../load/open-loop.js';
import type { LoadProgress } from '../reporters/reporter.js';

/**
 * Watches a running load: per-second buckets to the journal (final once no request of theirs can
 * still be in flight) and a progress report every second.
 */
export class LoadMonitor {
  private readonly buckets = new BucketAccumulator({ intervalMs: 1000 });
  private timer: NodeJS.Timeout | undefined;
  private ok = 0;
  private notOk = 0;
  private lastBucket: TimeBucket | undefined;

  constructor(
    private readonly load: OpenLoopLoad,
    private readonly timeoutMs: number,
    private readonly durationMs: number,
    private readonly onBucket: (bucket: TimeBucket) => void,
    private readonly onProgress: (progress: LoadProgress) => void,
  ) {}

  /** Feed every completed request here. */
  completed(index: number): void {
    const store = this.load.store;
    const outcome = store.outcome[index]!;
    if (outcome === Outcome.ok) this.ok++;
    else this.notOk++;
    this.buckets.add({ scheduledMs: store.scheduledMs[index]!, sentMs: store.sentMs[index]!, endMs: store.endMs[index]!, outcome });
  }

  start(): void {
    this.timer = setInterval(() => this.tick(false), 1000);
  }

  /** Stops reporting and emits the remaining buckets. */
  finish(): void {
    clearInterval(this.timer);
    this.tick(true);
  }

  private tick(final: boolean): void {
    const elapsed = this.load.elapsedMs();
    const ready = final ? this.buckets.flush() : this.buckets.drain(elapsed - this.timeoutMs);
    for (const bucket of ready) {
      this.lastBucket = bucket;
      this.onBucket(bucket);
    }
    this.onProgress({
      elapsedMs: Math.min(elapsed, this.durationMs),
      durationMs: this.durationMs,
      bucket: this.lastBucket,
      issued: this.load.store.issued,
      completed: this.load.store.completed,
      ok: this.ok,
      notOk: this.notOk,
    });
  }
}
