import type { Socket } from 'node:net';
import type { EndItem, Item } from '../toxics/toxic.js';
import { LINK_HIGH_WATER_BYTES, LINK_LOW_WATER_BYTES } from './limits.js';
import { Stage, type Receiver, type StageEnv } from './stage.js';
import type { Direction, ToxicEntry } from './toxic-entry.js';

/** What a link needs from its connection. */
export interface LinkEnv extends Omit<StageEnv, 'release'> {
  /** The end reached the destination: `eof` = half-close it, `close` = close it. */
  onEnd(link: Link, reason: EndItem['reason']): void;
}

/**
 * One direction of a proxied connection (Toxiproxy's `ToxicLink`): source socket → a chain of
 * toxic stages → destination socket. Toxics are added, updated and removed on the live chain
 * without losing or reordering bytes. Reading the source pauses while more than
 * {@link LINK_HIGH_WATER_BYTES} are held (queued in stages or buffered by the destination).
 */
export class Link {
  readonly stages: Stage[] = [];
  #head: Receiver;
  #held = 0;
  #paused = false;
  #sourceEnded = false;
  #ended = false;
  #disposed = false;
  readonly #sink: Receiver = { receive: (item) => this.#deliver(item) };
  readonly #stageEnv: StageEnv;

  constructor(
    readonly direction: Direction,
    readonly source: Socket,
    readonly dest: Socket,
    chain: readonly ToxicEntry[],
    private readonly env: LinkEnv,
  ) {
    this.#stageEnv = {
      setTimer: (delayMs, fn) => env.setTimer(delayMs, fn),
      now: () => env.now(),
      random: () => env.random(),
      release: (bytes) => this.#release(bytes),
    };
    this.#head = this.#sink;
    for (const entry of chain) this.#append(entry);
    for (const stage of this.stages) stage.start();
    dest.on('drain', () => this.#maybeResume());
  }

  /** The destination has received its end. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Bytes read from the source and not yet handed to the destination socket. */
  get heldBytes(): number {
    return this.#held;
  }

  /**
   * Bytes of this direction in the proxy's memory: buffered by the source socket and not yet
   * read, held by the toxic stages, and buffered by the destination socket and not yet taken by
   * the kernel.
   */
  get bufferedBytes(): number {
    if (this.#disposed) return 0;
    return socketReadable(this.source) + this.#held + socketWritable(this.dest);
  }

  /** Data read from the source. */
  push(data: Buffer, at: number): void {
    if (this.#sourceEnded || this.#disposed) return;
    this.#held += data.length;
    if (!this.#paused && this.#held + this.dest.writableLength > LINK_HIGH_WATER_BYTES) {
      this.#paused = true;
      this.source.pause();
    }
    this.#head.receive({ kind: 'data', data, at });
  }

  /** The source ended (`eof`) or went away (`close`). Later data is ignored. */
  end(reason: EndItem['reason']): void {
    if (this.#sourceEnded || this.#disposed) return;
    this.#sourceEnded = true;
    this.#head.receive({ kind: 'end', reason });
  }

  /** A toxic was added to this direction: append a stage and restart the previous last one. */
  addToxic(entry: ToxicEntry): void {
    if (this.#disposed) return;
    const prev = this.stages[this.stages.length - 1];
    if (this.#ended || prev?.closed === true || prev?.committed === true) {
      // The chain is closing: like Toxiproxy, the new toxic joins closed and is never wired in.
      const inert = new Stage(entry, entry.kind.newState?.(), this.#stageEnv, this.#sink);
      inert.dispose();
      this.stages.push(inert);
      return;
    }
    const stage = this.#append(entry);
    if (prev !== undefined) {
      // Data prev had taken in goes out to its old output (the sink) ahead of anything queued.
      for (const item of prev.interrupt()) this.#sink.receive(item);
      prev.next = stage;
      stage.start();
      prev.start();
    } else {
      stage.start();
    }
  }

  /** A toxic's attributes or toxicity changed: restart its stage. */
  updateToxic(entry: ToxicEntry): void {
    const stage = this.stages.find((s) => s.entry === entry);
    if (stage === undefined || stage.closed || stage.committed) return;
    for (const item of stage.interrupt()) stage.next.receive(item);
    stage.start();
  }

  /** A toxic was removed: flush what its stage holds, splice it out, restart the previous one. */
  removeToxic(entry: ToxicEntry): void {
    const index = this.stages.findIndex((s) => s.entry === entry);
    const stage = this.stages[index];
    if (stage === undefined) return;
    this.stages.splice(index, 1);
    if (stage.closed || stage.committed) return;
    for (const item of stage.interrupt()) stage.next.receive(item);
    if (entry.kind.closesOnRemove === true) {
      stage.close();
      return;
    }
    const prev = this.stages[index - 1];
    const prevHeld = prev?.interrupt() ?? [];
    for (const item of [...stage.takeQueue(), ...prevHeld]) stage.next.receive(item);
    if (prev === undefined) this.#head = stage.next;
    else prev.next = stage.next;
    stage.dispose();
    prev?.start();
  }

  /** Stops every stage (cancelling their timers); the connection is gone. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const stage of this.stages) stage.dispose();
    this.#held = 0;
  }

  #append(entry: ToxicEntry): Stage {
    const stage = new Stage(entry, entry.kind.newState?.(), this.#stageEnv, this.#sink);
    const last = this.stages[this.stages.length - 1];
    if (last === undefined) this.#head = stage;
    else last.next = stage;
    this.stages.push(stage);
    return stage;
  }

  #deliver(item: Item): void {
    if (item.kind === 'data') {
      this.#held -= item.data.length;
      if (!this.#disposed && !this.#ended && !this.dest.destroyed && this.dest.writable) this.dest.write(item.data);
      this.#maybeResume();
      return;
    }
    if (this.#ended || this.#disposed) return;
    this.#ended = true;
    this.env.onEnd(this, item.reason);
  }

  #release(bytes: number): void {
    this.#held -= bytes;
    this.#maybeResume();
  }

  #maybeResume(): void {
    if (!this.#paused || this.#disposed) return;
    if (this.#held + this.dest.writableLength > LINK_LOW_WATER_BYTES) return;
    this.#paused = false;
    if (!this.#sourceEnded && !this.source.destroyed) this.source.resume();
  }
}

/** Bytes a socket has read from the kernel and not yet emitted. */
export function socketReadable(socket: Socket): number {
  return socket.destroyed ? 0 : socket.readableLength;
}

/** Bytes a socket was given and has not yet passed to the kernel. */
export function socketWritable(socket: Socket): number {
  return socket.destroyed ? 0 : socket.writableLength;
}
