/** Time, passed in so tests can use a fake one. */
export interface Clock {
  /** Monotonic milliseconds (for measuring). */
  now(): number;
  /** Wall-clock epoch milliseconds (for reports). */
  wallMs(): number;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallMs: () => Date.now(),
};
