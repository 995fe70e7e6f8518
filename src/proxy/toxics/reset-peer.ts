import { goInt64 } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';
import { attributeStruct, type Attributes, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/**
 * Waits for the first chunk (or the end) in its direction, drops it, waits `timeout` ms and
 * closes the connection. Connections opened while the toxic exists close with a TCP RST
 * (`resetsPeer`); older ones get a plain FIN, as in Toxiproxy.
 */
class ResetPeerRun implements ToxicRun {
  #timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly timeoutMs: number,
  ) {}

  handle(item: Item): void {
    // Toxiproxy does not listen for interrupts while it waits: the reset always happens.
    this.ctx.commit();
    if (item.kind === 'data') this.ctx.drop(item.data.length);
    this.#timer = this.ctx.setTimer(this.timeoutMs, () => this.ctx.close());
  }

  interrupt(): Item[] {
    return [];
  }

  dispose(): void {
    this.#timer?.cancel();
  }
}

export const resetPeerToxic: ToxicKind = {
  type: 'reset_peer',
  attributes: attributeStruct('ResetToxic', [{ json: 'timeout', type: goInt64 }]),
  resetsPeer: true,
  createRun: (ctx: StageContext, a: Attributes) => new ResetPeerRun(ctx, a['timeout'] ?? 0),
};
