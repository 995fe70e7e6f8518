/** What warm-up looks at in one window of the hold: requests due in it, once all have ended. */
export interface WindowFigures {
  readonly fromMs: number;
  readonly toMs: number;
  readonly requests: number;
  readonly ok: number;
  /** 99th percentile latency (send → end) of the window's requests, ms. */
  readonly p99Ms: number;
}

/** Share of a window's requests that must succeed for it to count as steady. */
export const steadyOkShare = 0.99;
/** Two windows' p99 latencies agree when each is within this factor of the other… */
export const steadyLatencyFactor = 1.5;
/** …plus this many milliseconds (so sub-millisecond noise never reads as a trend). */
export const steadyLatencySlackMs = 5;

/**
 * Whether two consecutive windows show a settled system: each had requests, at least 99 % of them
 * succeeded, and their p99 latencies are within a factor of 1.5 (plus 5 ms) of each other. A
 * stack still warming up (JIT, connection pools, caches) shows falling latency from window to
 * window; a steady one shows the same latency twice. Pure.
 */
export function windowsAgree(earlier: WindowFigures, later: WindowFigures): boolean {
  const healthy = (w: WindowFigures): boolean => w.requests > 0 && w.ok / w.requests >= steadyOkShare;
  if (!healthy(earlier) || !healthy(later)) return false;
  const within = (a: number, b: number): boolean => a <= b * steadyLatencyFactor + steadyLatencySlackMs;
  return within(later.p99Ms, earlier.p99Ms) && within(earlier.p99Ms, later.p99Ms);
}

/** One line on a window, for journal entries and the warm-up's error. */
export function describeWindow(w: WindowFigures): string {
  const share = w.requests === 0 ? 'no requests' : `${+((w.ok / w.requests) * 100).toFixed(2)}% ok`;
  return `${w.requests} requests, ${share}, p99 ${w.p99Ms.toFixed(1)} ms`;
}
