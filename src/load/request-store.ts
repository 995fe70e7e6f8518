import type { RequestSamples } from '../metrics/request-samples.js';

/** Bytes per request held in memory (and written to requests.bin). */
export const bytesPerRequest = 8 * 3 + 1 + 1 + 2 + 1;

/**
 * Fixed-size columns for every request of one part of a run (warm-up, or measured load), indexed
 * by schedule order. Sized once from the schedule: one hour at 1,000 req/s is 3.6 M requests
 * ≈ 104 MB. Times are milliseconds since `originMs` on the run's monotonic clock.
 */
export class RequestStore {
  readonly scheduledMs: Float64Array;
  readonly sentMs: Float64Array;
  readonly endMs: Float64Array;
  readonly outcome: Uint8Array;
  readonly op: Uint8Array;
  readonly status: Uint16Array;
  readonly flags: Uint8Array;
  /** Requests issued so far (scheduled and started); rows beyond it are unused. */
  issued = 0;
  /** Requests whose outcome is known. */
  completed = 0;
  /** Monotonic time every time in this store is relative to; `NaN` until the part starts. */
  originMs = Number.NaN;

  constructor(readonly capacity: number) {
    this.scheduledMs = new Float64Array(capacity);
    this.sentMs = new Float64Array(capacity).fill(Number.NaN);
    this.endMs = new Float64Array(capacity).fill(Number.NaN);
    this.outcome = new Uint8Array(capacity);
    this.op = new Uint8Array(capacity);
    this.status = new Uint16Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** The issued prefix as {@link RequestSamples} (views, no copy). */
  samples(): RequestSamples {
    const n = this.issued;
    return {
      length: n,
      scheduledMs: this.scheduledMs.subarray(0, n),
      sentMs: this.sentMs.subarray(0, n),
      endMs: this.endMs.subarray(0, n),
      outcome: this.outcome.subarray(0, n),
      op: this.op.subarray(0, n),
      status: this.status.subarray(0, n),
      flags: this.flags.subarray(0, n),
    };
  }
}
