import type { GoStruct } from '../json/go-types.js';
import type { TimerHandle } from '../runtime/timers.js';

/** A chunk of bytes read from one side, stamped with when it arrived (monotonic ms). */
export interface DataItem {
  readonly kind: 'data';
  readonly data: Buffer;
  /** Arrival time; a latency toxic moves it forward so chained latencies add up. */
  at: number;
}

/**
 * The end of a direction. `eof`: the source closed its write side (passed on as a half-close).
 * `close`: the connection is being torn down (a toxic closed it, or a socket went away).
 */
export interface EndItem {
  readonly kind: 'end';
  readonly reason: 'eof' | 'close';
}

export type Item = DataItem | EndItem;

/** What a running toxic may do to its stage; mirrors Toxiproxy's `ToxicStub`. */
export interface StageContext {
  /** Pass data to the next stage. */
  emit(chunk: DataItem): void;
  /** Ready for the next input item (one item is handled at a time, like Toxiproxy's `Pipe`). */
  done(): void;
  /** Pass the end on and close this stage. */
  forwardEnd(item: EndItem): void;
  /** Close the connection from here (`stub.Close()`): everything still queued is dropped. */
  close(): void;
  /** From now on this run cannot be interrupted (reset_peer, once triggered, always closes). */
  commit(): void;
  /** Account for bytes this toxic discards. */
  drop(bytes: number): void;
  /** Put an item back at the head of the input queue (used when interrupted mid-item). */
  requeue(item: Item): void;
  /** Schedules on the server's timer registry. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  now(): number;
  random(): number;
}

/** One run of a toxic on one stage, from (re)start until interrupt or close. */
export interface ToxicRun {
  /** Handles the next input item. Must eventually call `done()`, `forwardEnd()` or `close()`. */
  handle(item: Item): void;
  /** Stops at once; returns data already taken in that must go on unaltered (never dropped). */
  interrupt(): Item[];
  /** Stops without output: the connection is gone. */
  dispose(): void;
}

/** Integer attributes by JSON name. */
export type Attributes = Readonly<Record<string, number>>;

/** A registered toxic type. */
export interface ToxicKind {
  /** The `type` string of the API (`latency`). */
  readonly type: string;
  /** Go struct of the attributes: JSON names, Go integer types, and names for error messages. */
  readonly attributes: GoStruct;
  /** Removing the toxic closes the connections it runs on (the `timeout` toxic's `Cleanup`). */
  readonly closesOnRemove?: boolean;
  /** Connections created while it exists close with RST (Toxiproxy sets SO_LINGER 0). */
  readonly resetsPeer?: boolean;
  /**
   * Bytes a stage of this toxic may hold beyond the link's own few chunks to work as intended
   * (a pacing toxic wants the next chunk queued behind the one it paces). Added to the limit of
   * every direction it is on.
   */
  readonly queueBytes?: number;
  /**
   * The most this toxic may keep in flight (a latency toxic holds everything read during one
   * delay). Granted as the destination takes data, never more than it proved to take.
   */
  readonly inFlightBytes?: number;
  /** Per-connection state that survives restarts of the toxic (`limit_data`'s byte count). */
  newState?(): unknown;
  createRun(ctx: StageContext, attributes: Attributes, state: unknown): ToxicRun;
}

/** Builds the attribute struct of a toxic (`toxics.LatencyToxic` …). */
export function attributeStruct(shortName: string, fields: GoStruct['fields']): GoStruct {
  return { kind: 'struct', name: `toxics.${shortName}`, shortName, fields };
}
