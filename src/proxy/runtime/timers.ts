/** A pending timer that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/** The longest delay `setTimeout` honours; longer ones fire after 1 ms, so they are chained. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Every timer the proxy sets goes through one registry so that tests can assert none is left
 * behind (`stats().timers`) and `close()` can cancel whatever is still pending.
 */
export class TimerRegistry {
  readonly #pending = new Set<Entry>();

  /** Number of timers set and neither fired nor cancelled. */
  get active(): number {
    return this.#pending.size;
  }

  /** Runs `fn` after `delayMs` (fractions allowed; ≤ 0 still runs asynchronously), never earlier. */
  set(delayMs: number, fn: () => void): TimerHandle {
    const wait = Math.max(0, delayMs);
    const entry: Entry = { timer: undefined, due: performance.now() + wait, cancel: () => this.#clear(entry) };
    this.#pending.add(entry);
    this.#arm(entry, wait, fn);
    return entry;
  }

  /** Cancels every pending timer. */
  clearAll(): void {
    for (const entry of [...this.#pending]) this.#clear(entry);
  }

  #arm(entry: Entry, delayMs: number, fn: () => void): void {
    const step = Math.min(delayMs, MAX_TIMEOUT_MS);
    entry.timer = setTimeout(() => {
      // libuv rounds to its cached millisecond clock and can fire a fraction of a millisecond
      // early; a toxic must never act before its time (a 100 ms timeout is at least 100 ms).
      const left = entry.due - performance.now();
      if (delayMs > step || left > 0) {
        this.#arm(entry, delayMs > step ? delayMs - step : left, fn);
        return;
      }
      this.#pending.delete(entry);
      fn();
    }, step);
  }

  #clear(entry: Entry): void {
    if (!this.#pending.delete(entry)) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
  }
}

interface Entry extends TimerHandle {
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly due: number;
}
