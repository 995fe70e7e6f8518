import { Fifo } from '../runtime/fifo.js';
import type { TimerHandle } from '../runtime/timers.js';
import { NoopRun } from '../toxics/noop.js';
import type { EndItem, Item, StageContext, ToxicRun } from '../toxics/toxic.js';
import type { ToxicEntry } from './toxic-entry.js';

/** Anything that takes the items a stage emits: the next stage or the link's sink. */
export interface Receiver {
  receive(item: Item): void;
}

/** What a stage needs from its link. */
export interface StageEnv {
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  now(): number;
  random(): number;
  /** Bytes leave the link without reaching the destination (dropped). */
  release(bytes: number): void;
}

/**
 * One toxic on one direction of one connection (Toxiproxy's `ToxicStub`): an input queue and a
 * run of the toxic that takes one item at a time. A run can be interrupted (toxic added after it,
 * updated, removed) and restarted; each (re)start draws the toxicity again.
 */
export class Stage implements Receiver {
  #queue = new Fifo<Item>();
  #run: ToxicRun | undefined;
  #ctx: { live: boolean } | undefined;
  #busy = false;
  #pumping = false;
  #state: 'idle' | 'running' | 'committed' | 'closed' = 'idle';

  constructor(
    readonly entry: ToxicEntry,
    readonly toxicState: unknown,
    private readonly env: StageEnv,
    public next: Receiver,
  ) {}

  /** Closed: gets no more input and has sent its end downstream. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  /** Committed to closing (a triggered reset_peer): cannot be interrupted. */
  get committed(): boolean {
    return this.#state === 'committed';
  }

  receive(item: Item): void {
    if (this.#state === 'closed') {
      if (item.kind === 'data') this.env.release(item.data.length);
      return;
    }
    this.#queue.push(item);
    this.#pump();
  }

  /** Starts (or restarts) the toxic, drawing its toxicity. */
  start(): void {
    if (this.#state !== 'idle') return;
    const ctx = this.#context();
    const toxic = this.entry;
    this.#run = this.env.random() < toxic.toxicity ? toxic.kind.createRun(ctx, toxic.attributes, this.toxicState) : new NoopRun(ctx);
    this.#state = 'running';
    this.#busy = false;
    this.#pump();
  }

  /**
   * Stops the run. Returns the data it had taken in, to be passed to the current `next` before
   * anything else. A committed or closed stage is left alone.
   */
  interrupt(): Item[] {
    if (this.#state !== 'running') return [];
    const held = this.#run?.interrupt() ?? [];
    this.#stopRun();
    this.#state = 'idle';
    return held;
  }

  /** Takes everything still queued, oldest first (used when the stage is removed). */
  takeQueue(): Item[] {
    return this.#queue.drain();
  }

  /** Closes from outside (a removed `timeout` toxic): the end goes downstream, input is dropped. */
  close(): void {
    this.#closeWith({ kind: 'end', reason: 'close' });
  }

  /** Stops without output; the connection is gone. */
  dispose(): void {
    this.#run?.dispose();
    this.#stopRun();
    this.#state = 'closed';
    this.#dropQueue();
  }

  #context(): StageContext & { live: boolean } {
    const ctx = {
      live: true,
      emit: (chunk: Item) => {
        if (ctx.live) this.next.receive(chunk);
      },
      done: () => {
        if (!ctx.live) return;
        this.#busy = false;
        this.#pump();
      },
      forwardEnd: (item: EndItem) => {
        if (ctx.live) this.#closeWith(item);
      },
      close: () => {
        if (ctx.live) this.#closeWith({ kind: 'end', reason: 'close' });
      },
      commit: () => {
        if (ctx.live && this.#state === 'running') this.#state = 'committed';
      },
      drop: (bytes: number) => this.env.release(bytes),
      requeue: (item: Item) => this.#queue.unshift(item),
      setTimer: (delayMs: number, fn: () => void) => this.env.setTimer(delayMs, fn),
      now: () => this.env.now(),
      random: () => this.env.random(),
    };
    this.#ctx = ctx;
    return ctx;
  }

  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#busy && this.#run !== undefined && this.#state !== 'closed' && this.#queue.length > 0) {
        const item = this.#queue.shift();
        if (item === undefined) break;
        this.#busy = true;
        this.#run.handle(item);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #closeWith(end: EndItem): void {
    if (this.#state === 'closed') return;
    this.#run?.dispose();
    this.#stopRun();
    this.#state = 'closed';
    this.#dropQueue();
    this.next.receive(end);
  }

  #stopRun(): void {
    if (this.#ctx !== undefined) this.#ctx.live = false;
    this.#ctx = undefined;
    this.#run = undefined;
    this.#busy = false;
  }

  #dropQueue(): void {
    for (const item of this.#queue.drain()) if (item.kind === 'data') this.env.release(item.data.length);
  }
}
