import { goInt64 } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type EndItem, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/** Passes data untouched; when the end arrives, passes it on only `delay` ms later. */
class SlowCloseRun implements ToxicRun {
  #end: EndItem | undefined;
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly delayMs: number,
  ) {}

  handle(item: Item): void {
    if (item.kind === 'data') {
      this.ctx.emit(item);
      this.ctx.done();
      return;
    }
    this.#end = item;
    this.#timer = this.ctx.setTimer(this.delayMs, () => {
      this.#end = undefined;
      this.ctx.forwardEnd(item);
    });
  }

  interrupt(): Item[] {
    this.#timer?.cancel();
    // Toxiproxy loses the end here (the connection then never closes); keep it queued instead.
    if (this.#end !== undefined) this.ctx.requeue(this.#end);
    this.#end = undefined;
    return [];
  }

  dispose(): void {
    this.#timer?.cancel();
    this.#end = undefined;
  }
}

export const slowCloseToxic: ToxicKind = {
  type: 'slow_close',
  attributes: attributeStruct('SlowCloseToxic', [{ json: 'delay', type: goInt64 }]),
  createRun: (ctx: StageContext, a: Attributes) => new SlowCloseRun(ctx, a['delay'] ?? 0),
};
