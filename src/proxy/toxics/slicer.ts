import { PACING_QUEUE_BYTES } from '../core/limits.js';
import { goInt } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type DataItem, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/**
 * Cuts each chunk into pieces of about `average_size` ± `size_variation` bytes and waits `delay`
 * microseconds after each piece. Sub-millisecond waits accumulate on an absolute schedule and
 * fire in batches, which keeps the average pace without a timer per piece.
 */
class SlicerRun implements ToxicRun {
  #item: DataItem | undefined;
  #bounds: number[] = [];
  #next = 0;
  #clock = 0;
  #due: number | undefined;
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly averageSize: number,
    private readonly sizeVariation: number,
    private readonly delayUs: number,
  ) {}

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.ctx.forwardEnd(item);
      return;
    }
    this.#item = item;
    this.#bounds = sliceBounds(item.data.length, this.averageSize, this.sizeVariation, this.ctx.random);
    this.#next = 0;
    this.#clock = this.ctx.now();
    this.#due = undefined;
    this.#advance();
  }

  interrupt(): Item[] {
    this.#timer?.cancel();
    this.#timer = undefined;
    const item = this.#item;
    this.#item = undefined;
    if (item === undefined || this.#next >= this.#bounds.length) return [];
    // Toxiproxy passes the unsent remainder on in one piece.
    const from = this.#bounds[this.#next - 1] ?? 0;
    return [{ kind: 'data', data: item.data.subarray(from), at: item.at }];
  }

  dispose(): void {
    this.#timer?.cancel();
    this.#item = undefined;
  }

  #advance(): void {
    for (;;) {
      const item = this.#item;
      if (item === undefined) return;
      if (this.#due !== undefined) {
        const waitMs = this.#due - this.ctx.now();
        if (waitMs > 0) {
          this.#timer = this.ctx.setTimer(waitMs, () => {
            this.#timer = undefined;
            this.#advance();
          });
          return;
        }
        this.#due = undefined;
      }
      if (this.#next >= this.#bounds.length) {
        this.#item = undefined;
        this.ctx.done();
        return;
      }
      const from = this.#bounds[this.#next - 1] ?? 0;
      const to = this.#bounds[this.#next] ?? item.data.length;
      this.#next += 1;
      this.ctx.emit({ kind: 'data', data: item.data.subarray(from, to), at: item.at });
      if (this.delayUs > 0) {
        this.#clock += this.delayUs / 1000;
        this.#due = this.#clock;
      }
    }
  }
}

/**
 * End offsets of the pieces of a chunk of `length` bytes, in order. Toxiproxy's recursive split
 * (halve, shift the midpoint by up to ± variation, stop when within average + variation), made
 * iterative and guarded: Toxiproxy recurses forever on `average_size: 0` and panics when the
 * variation exceeds half a piece; here pieces are at least one byte.
 */
export function sliceBounds(length: number, averageSize: number, sizeVariation: number, random: () => number): number[] {
  const average = Math.max(0, averageSize);
  const variation = Math.max(0, sizeVariation);
  const ends: number[] = [];
  const stack: [number, number][] = [[0, length]];
  while (stack.length > 0) {
    const range = stack.pop();
    if (range === undefined) break;
    const [start, end] = range;
    if (end - start - average <= variation || end - start <= 1) {
      if (end > start) ends.push(end);
      continue;
    }
    let mid = start + Math.floor((end - start) / 2);
    if (variation > 0) mid += Math.floor(random() * variation * 2) - variation;
    mid = Math.min(end - 1, Math.max(start + 1, mid));
    // Right half pushed first so the left half is split (and emitted) first.
    stack.push([mid, end], [start, mid]);
  }
  return ends;
}

export const slicerToxic: ToxicKind = {
  type: 'slicer',
  queueBytes: PACING_QUEUE_BYTES,
  attributes: attributeStruct('SlicerToxic', [
    { json: 'average_size', type: goInt },
    { json: 'size_variation', type: goInt },
    { json: 'delay', type: goInt },
  ]),
  createRun: (ctx: StageContext, a: Attributes) =>
    new SlicerRun(ctx, a['average_size'] ?? 0, a['size_variation'] ?? 0, a['delay'] ?? 0),
};
