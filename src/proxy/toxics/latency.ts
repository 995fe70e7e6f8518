import { LATENCY_IN_FLIGHT_BYTES } from '../core/limits.js';
import { goInt64 } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type DataItem, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/**
 * Delays each chunk until `arrival + latency ± jitter`. The delay counts from when the chunk was
 * read, not from when the previous one left, so a steady stream keeps its throughput; chunks
 * never overtake each other.
 */
class LatencyRun implements ToxicRun {
  #held: DataItem | undefined;
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly latencyMs: number,
    private readonly jitterMs: number,
  ) {}

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.ctx.forwardEnd(item);
      return;
    }
    const delayMs = this.#delay();
    const sleepMs = delayMs - (this.ctx.now() - item.at);
    if (delayMs > 0) item.at += delayMs;
    if (sleepMs <= 0) {
      this.ctx.emit(item);
      this.ctx.done();
      return;
    }
    this.#held = item;
    this.#timer = this.ctx.setTimer(sleepMs, () => {
      this.#held = undefined;
      this.#timer = undefined;
      this.ctx.emit(item);
      this.ctx.done();
    });
  }

  interrupt(): Item[] {
    // Toxiproxy sends the chunk it was delaying right away rather than dropping it.
    this.#timer?.cancel();
    const held = this.#held;
    this.#held = undefined;
    return held === undefined ? [] : [held];
  }

  dispose(): void {
    this.#timer?.cancel();
    this.#held = undefined;
  }

  #delay(): number {
    if (this.jitterMs <= 0) return this.latencyMs;
    // Go: latency + rand.Int63n(2*jitter) - jitter, i.e. uniform over [-jitter, +jitter).
    return this.latencyMs + Math.floor(this.ctx.random() * 2 * this.jitterMs) - this.jitterMs;
  }
}

export const latencyToxic: ToxicKind = {
  type: 'latency',
  inFlightBytes: LATENCY_IN_FLIGHT_BYTES,
  attributes: attributeStruct('LatencyToxic', [
    { json: 'latency', type: goInt64 },
    { json: 'jitter', type: goInt64 },
  ]),
  createRun: (ctx: StageContext, a: Attributes) => new LatencyRun(ctx, a['latency'] ?? 0, a['jitter'] ?? 0),
};
