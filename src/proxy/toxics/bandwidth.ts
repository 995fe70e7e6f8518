import { PACING_QUEUE_BYTES } from '../core/limits.js';
import { goInt64 } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type DataItem, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/** Toxiproxy sends chunks larger than this many milliseconds' worth of data in 100 ms slices. */
const SLICE_MS = 100;

/**
 * Limits throughput to `rate` KB/s (1 KB = 1000 bytes, so `rate` is also bytes per ms). Each
 * chunk leaves when its share of time has passed. The schedule is absolute (a virtual clock),
 * so late timers are caught up and the average rate stays exact.
 */
class BandwidthRun implements ToxicRun {
  #clock = Number.NEGATIVE_INFINITY;
  #due: number | undefined;
  #rest: DataItem | undefined;
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly rate: number,
  ) {}

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.ctx.forwardEnd(item);
      return;
    }
    if (this.rate <= 0) {
      this.ctx.emit(item);
      this.ctx.done();
      return;
    }
    // Idle time is not banked as credit: the schedule restarts from now.
    this.#clock = Math.max(this.#clock, this.ctx.now());
    this.#rest = item;
    this.#advance();
  }

  interrupt(): Item[] {
    this.#timer?.cancel();
    this.#timer = undefined;
    const rest = this.#rest;
    this.#rest = undefined;
    this.#due = undefined;
    return rest === undefined ? [] : [rest];
  }

  dispose(): void {
    this.interrupt();
  }

  #advance(): void {
    const sliceBytes = this.rate * SLICE_MS;
    for (;;) {
      const item = this.#rest;
      if (item === undefined) return;
      const sliced = item.data.length > sliceBytes;
      if (this.#due === undefined) {
        this.#clock += sliced ? SLICE_MS : item.data.length / this.rate;
        this.#due = this.#clock;
      }
      const waitMs = this.#due - this.ctx.now();
      if (waitMs > 0) {
        this.#timer = this.ctx.setTimer(waitMs, () => {
          this.#timer = undefined;
          this.#advance();
        });
        return;
      }
      this.#due = undefined;
      if (!sliced) {
        this.#rest = undefined;
        this.ctx.emit(item);
        this.ctx.done();
        return;
      }
      this.#rest = { kind: 'data', data: item.data.subarray(sliceBytes), at: item.at };
      this.ctx.emit({ kind: 'data', data: item.data.subarray(0, sliceBytes), at: item.at });
    }
  }
}

export const bandwidthToxic: ToxicKind = {
  type: 'bandwidth',
  queueBytes: PACING_QUEUE_BYTES,
  attributes: attributeStruct('BandwidthToxic', [{ json: 'rate', type: goInt64 }]),
  createRun: (ctx: StageContext, a: Attributes) => new BandwidthRun(ctx, a['rate'] ?? 0),
};
