import { attributeStruct, type Item, type StageContext, type ToxicKind, type ToxicRun } from './toxic.js';

/** Passes everything through; also what a toxic runs as when its toxicity draw fails. */
export class NoopRun implements ToxicRun {
  constructor(private readonly ctx: StageContext) {}

  handle(item: Item): void {
    if (item.kind === 'end') {
      this.ctx.forwardEnd(item);
      return;
    }
    this.ctx.emit(item);
    this.ctx.done();
  }

  interrupt(): Item[] {
    return [];
  }

  dispose(): void {}
}

export const noopToxic: ToxicKind = {
  type: 'noop',
  attributes: attributeStruct('NoopToxic', []),
  createRun: (ctx) => new NoopRun(ctx),
};
