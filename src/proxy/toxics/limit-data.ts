import { goInt64 } from '../json/go-types.js';
import { attributeStruct, type Attributes, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

interface LimitState {
  transmitted: number;
}

/**
 * Lets at most `bytes` bytes through in its direction per connection (counted across restarts
 * of the toxic), truncates the chunk that crosses the limit, then closes the connection.
 */
class LimitDataRun implements ToxicRun {
  constructor(
    private readonly ctx: StageContext,
    private readonly limit: number,
    private readonly state: LimitState,
  ) {}

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.ctx.forwardEnd(item);
      return;
    }
    const remaining = Math.max(0, this.limit - this.state.transmitted);
    const passed = remaining < item.data.length ? item.data.subarray(0, remaining) : item.data;
    if (passed.length < item.data.length) this.ctx.drop(item.data.length - passed.length);
    if (passed.length > 0) {
      this.state.transmitted += passed.length;
      this.ctx.emit(passed === item.data ? item : { kind: 'data', data: passed, at: item.at });
    }
    if (this.limit - this.state.transmitted <= 0) this.ctx.close();
    else this.ctx.done();
  }

  interrupt(): Item[] {
    return [];
  }

  dispose(): void {}
}

export const limitDataToxic: ToxicKind = {
  type: 'limit_data',
  attributes: attributeStruct('LimitDataToxic', [{ json: 'bytes', type: goInt64 }]),
  newState: (): LimitState => ({ transmitted: 0 }),
  createRun: (ctx: StageContext, a: Attributes, state: unknown) => new LimitDataRun(ctx, a['bytes'] ?? 0, state as LimitState),
};
