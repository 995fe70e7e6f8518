import { goInt64 } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/**
 * Drops all data; closes the connection `timeout` ms after the toxic started on it (0 = never).
 * Removing the toxic closes the connection too (`closesOnRemove`).
 */
class TimeoutRun implements ToxicRun {
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    timeoutMs: number,
  ) {
    if (timeoutMs > 0) this.#timer = ctx.setTimer(timeoutMs, () => ctx.close());
  }

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.#timer?.cancel();
      this.ctx.forwardEnd(item);
      return;
    }
    this.ctx.drop(item.data.length);
    this.ctx.done();
  }

  interrupt(): Item[] {
    this.#timer?.cancel();
    return [];
  }

  dispose(): void {
    this.#timer?.cancel();
  }
}

export const timeoutToxic: ToxicKind = {
  type: 'timeout',
  attributes: attributeStruct('TimeoutToxic', [{ json: 'timeout', type: goInt64 }]),
  closesOnRemove: true,
  createRun: (ctx: StageContext, a: Attributes) => new TimeoutRun(ctx, a['timeout'] ?? 0),
};
