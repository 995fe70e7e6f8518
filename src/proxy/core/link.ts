import type { Socket } from 'node:net';
import type { ReadTurns, TurnReader } from '../runtime/read-turns.js';
import type { EndItem, Item } from '../toxics/toxic.js';
import { LINK_HIGH_WATER_BYTES, LINK_LOW_WATER_RATIO } from './limits.js';
import { Stage, type Receiver, type StageEnv } from './stage.js';
import type { Direction, ToxicEntry } from './toxic-entry.js';

/** What a link needs from its connection. */
export interface LinkEnv extends Omit<StageEnv, 'release'> {
  /** Shares event-loop turns between the server's links. */
  readonly turns: ReadTurns;
  /** The end reached the destination: `eof` = half-close it, `close` = close it. */
  onEnd(link: Link, reason: EndItem['reason']): void;
}

/**
 * One direction of a proxied connection (Toxiproxy's `ToxicLink`): source socket → a chain of
 * toxic stages → destination socket. Toxics are added, updated and removed on the live chain
 * without losing or reordering bytes.
 *
 * Backpressure: reading the source pauses as soon as the bytes held (queued in stages plus
 * buffered by the destination socket) reach the direction's limit, and resumes once they fall to
 * half of it. The limit is {@link LINK_HIGH_WATER_BYTES} (one read) plus what the chain's toxics
 * need: a pacing toxic's queue (`queueBytes`), and for a latency toxic the bytes in flight
 * (`inFlightBytes`). In-flight room is earned like a TCP congestion window: it grows by every
 * byte the destination takes at once (doubling per latency period, up to the toxic's maximum)
 * and is halved by every chunk the destination leaves unsent. So a fast stream keeps its rate
 * through a latency toxic, while a destination that stops reading stops earning room and soon
 * has none: it holds what was in flight when it stopped, not the in-flight maximum.
 *
 * Fairness: every read is counted by the server's {@link ReadTurns}; a bulk read past the turn's
 * budget also pauses the source until its next turn.
 */
export class Link implements TurnReader {
  readonly stages: Stage[] = [];
  #head: Receiver;
  #held = 0;
  /** Paused because the held bytes reached the limit. */
  #paused = false;
  /** Paused until the next turn the server gives this link. */
  #waitingTurn = false;
  /** Whether the source socket is currently being read. */
  #reading = true;
  /** Extra bytes the chain's pacing toxics may queue. */
  #queueRoom = 0;
  /** The most the chain's latency toxics may keep in flight. */
  #inFlightMax = 0;
  /** In-flight room earned so far (0 … `#inFlightMax`). */
  #inFlightRoom = 0;
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
    this.#sizeRoom();
    for (const stage of this.stages) stage.start();
    dest.on('drain', () => this.#maybeResume());
  }

  /** Bytes this direction may hold before it stops reading its source. */
  get limitBytes(): number {
    return LINK_HIGH_WATER_BYTES + this.#queueRoom + Math.min(this.#inFlightRoom, this.#inFlightMax);
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

  /** Still carrying data (for {@link ReadTurns}). */
  get live(): boolean {
    return !this.#disposed && !this.#sourceEnded;
  }

  /** Data read from the source. */
  push(data: Buffer, at: number): void {
    if (this.#sourceEnded || this.#disposed) return;
    this.#held += data.length;
    if (!this.#paused && this.#held + socketWritable(this.dest) >= this.limitBytes) this.#paused = true;
    if (!this.#waitingTurn && this.env.turns.spend(this, data.length)) this.#waitingTurn = true;
    this.#updateReading();
    this.#head.receive({ kind: 'data', data, at });
  }

  /** The server gives this link a turn again. */
  resumeTurn(): void {
    this.#waitingTurn = false;
    this.#updateReading();
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
    this.#sizeRoom();
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
    this.#sizeRoom();
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

  /** Recomputes the room the chain's toxics need (a toxic was added or removed). */
  #sizeRoom(): void {
    let queue = 0;
    let inFlight = 0;
    for (const stage of this.stages) {
      if (stage.closed) continue;
      queue += stage.entry.kind.queueBytes ?? 0;
      inFlight += stage.entry.kind.inFlightBytes ?? 0;
    }
    this.#queueRoom = queue;
    this.#inFlightMax = inFlight;
    if (inFlight === 0) this.#inFlightRoom = 0;
  }

  #deliver(item: Item): void {
    if (item.kind === 'data') {
      this.#held -= item.data.length;
      if (!this.#disposed && !this.#ended && !this.dest.destroyed && this.dest.writable) {
        this.dest.write(item.data);
        this.#earnInFlightRoom(item.data.length);
      }
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

  /**
   * `bytes` were just written to the destination: if it took them (its buffer stays within one
   * read), that much more may be in flight; if it is falling behind, in-flight room is halved
   * (once per chunk it leaves unsent, so a destination that stopped reading soon has none).
   */
  #earnInFlightRoom(bytes: number): void {
    if (this.#inFlightMax === 0) return;
    if (socketWritable(this.dest) > LINK_HIGH_WATER_BYTES) this.#inFlightRoom = Math.floor(this.#inFlightRoom / 2);
    else this.#inFlightRoom = Math.min(this.#inFlightMax, this.#inFlightRoom + bytes);
  }

  #maybeResume(): void {
    if (!this.#paused || this.#disposed) return;
    if (this.#held + socketWritable(this.dest) > this.limitBytes * LINK_LOW_WATER_RATIO) return;
    this.#paused = false;
    this.#updateReading();
  }

  /** Reads the source unless held bytes or the turn budget say to wait. */
  #updateReading(): void {
    if (this.#disposed || this.#sourceEnded || this.source.destroyed) return;
    const reading = !this.#paused && !this.#waitingTurn;
    if (reading === this.#reading) return;
    this.#reading = reading;
    if (reading) this.source.resume();
    else this.source.pause();
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
