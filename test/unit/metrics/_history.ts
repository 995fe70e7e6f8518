import { samplesFromRows, type RequestSamples } from '../../../src/metrics/request-samples.js';

export type Row = Parameters<typeof samplesFromRows>[0][number];

/** What the simulated system does with one request sent at `sentMs`. */
export type Serve = (sentMs: number, index: number) =>
  | { readonly outcome: 'ok' | 'fail'; readonly endMs: number }
  | { readonly outcome: 'hang' };

/**
 * An open-loop load of `rate` req/s for `durationMs`, every request sent when due, against a
 * simulated system. A request that takes longer than `timeoutMs` (or hangs) ends `unknown` at
 * `sentMs + timeoutMs`, as the load generator's timeout would.
 */
export function openLoop(options: {
  rate: number;
  durationMs: number;
  timeoutMs: number;
  serve: Serve;
  op?: (index: number) => 'read' | 'write';
}): Row[] {
  const interval = 1000 / options.rate;
  const rows: Row[] = [];
  for (let i = 0; i * interval < options.durationMs; i++) {
    const t = i * interval;
    const result = options.serve(t, i);
    const op = options.op?.(i) ?? 'read';
    if (result.outcome === 'hang' || result.endMs - t > options.timeoutMs) {
      rows.push({ scheduledMs: t, sentMs: t, endMs: t + options.timeoutMs, outcome: 'unknown', op });
    } else {
      rows.push({ scheduledMs: t, sentMs: t, endMs: result.endMs, outcome: result.outcome, op });
    }
  }
  return rows;
}

/**
 * The only backend paused (cgroup freezer) over `[pausedAtMs, pausedAtMs + pauseMs)`: anything
 * that would still be in progress then waits for the thaw, after which the backlog drains at
 * `serviceMs` per queued request.
 */
export function pausedBackend(pausedAtMs: number, pauseMs: number, latencyMs = 2, serviceMs = 0.05): Serve {
  const thawMs = pausedAtMs + pauseMs;
  let backlog = 0;
  return (sentMs) => {
    const normalEnd = sentMs + latencyMs;
    if (normalEnd <= pausedAtMs || sentMs >= thawMs) return { outcome: 'ok', endMs: normalEnd };
    return { outcome: 'ok', endMs: thawMs + latencyMs + backlog++ * serviceMs };
  };
}

/** Requests sent in `[fromMs, toMs)` are refused at once (1 ms); the rest succeed in `latencyMs`. */
export function refusing(fromMs: number, toMs: number, latencyMs = 2): Serve {
  return (sentMs) => (sentMs >= fromMs && sentMs < toMs
    ? { outcome: 'fail', endMs: sentMs + 1 }
    : { outcome: 'ok', endMs: sentMs + latencyMs });
}

/** A deterministic shuffle (mulberry32), so "unsorted input" tests are reproducible. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function samples(rows: readonly Row[]): RequestSamples {
  return samplesFromRows(rows);
}
