import { Fifo } from './fifo.js';

/** A reader that can be told to pause and, later, to go on. */
export interface TurnReader {
  /** False once the reader is gone (it is then skipped). */
  readonly live: boolean;
  /** Its turn came: it may read again. */
  resumeTurn(): void;
}

/**
 * Shares each event-loop turn between the proxy's connections, so a few heavy streams cannot
 * fill a turn and keep light clients waiting. Node reads every ready socket in the poll phase
 * (libuv up to 32 reads of 64 KiB each per socket while the data lasts), so a turn's length is the
 * bytes moved in it; hundreds of bulk streams make turns of tens of milliseconds, and a small
 * request crosses the proxy in several turns.
 *
 * Reads are counted from the turn's first bulk read (one that filled a whole buffer,
 * `bulkBytes`: a bulk stream with more waiting). Once the turn has moved `budgetBytes`, a reader
 * whose read is bulk is paused and queued; small reads (interactive clients) are never held
 * back. At the end of the turn (`setImmediate`) the oldest queued readers get the next turn, as
 * many as its budget allows, so bulk streams take turns round-robin and none waits for ever.
 */
export class ReadTurns {
  readonly #waiting = new Fifo<TurnReader>();
  #spent = 0;
  #turnPending = false;

  constructor(
    private readonly budgetBytes: number,
    private readonly bulkBytes: number,
  ) {}

  /** Readers queued for a later turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Counts a read of `bytes` by `reader`. Returns true if the reader must pause now; it is
   * then queued and gets `resumeTurn()` in a later turn.
   */
  spend(reader: TurnReader, bytes: number): boolean {
    if (bytes < this.bulkBytes) {
      // Interactive traffic alone never needs a turn boundary (no timer per turn for it); it
      // counts once bulk reads have opened the turn.
      if (this.#turnPending) this.#spent += bytes;
      return false;
    }
    this.#spent += bytes;
    this.#endTurnSoon();
    if (this.#spent <= this.budgetBytes) return false;
    this.#waiting.push(reader);
    return true;
  }

  #endTurnSoon(): void {
    if (this.#turnPending) return;
    this.#turnPending = true;
    setImmediate(() => this.#nextTurn());
  }

  #nextTurn(): void {
    this.#turnPending = false;
    this.#spent = 0;
    // Each reader let go is expected to read about one bulk buffer before it pauses again.
    let allowance = this.budgetBytes;
    while (allowance > 0 && this.#waiting.length > 0) {
      const reader = this.#waiting.shift();
      if (reader === undefined || !reader.live) continue;
      allowance -= this.bulkBytes;
      reader.resumeTurn();
    }
    if (this.#waiting.length > 0) this.#endTurnSoon();
  }
}
