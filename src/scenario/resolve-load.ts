import type { LoadPlan, WarmupPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

const loadFields = ['rate', 'duration', 'mix', 'timeout', 'maxConnections', 'warmup', 'lateTolerance'] as const;
const warmupFields = ['ramp', 'window', 'maxHold'] as const;

/** Highest arrival rate one generator process is trusted to hold (see bench/). */
export const maxRate = 5000;
export const maxConnectionsLimit = 4096;
/** Requests one run may plan: 29 bytes each are held in memory. */
export const maxPlannedRequests = 20_000_000;

const defaultWarmup = { rampMs: 5000, windowMs: 1000, maxHoldMs: 30_000 } as const;
/** How far apart the sum of a mix may be from 1 (floating-point slack, e.g. 0.7 + 0.2 + 0.1). */
const mixSlack = 1e-9;

export function resolveLoad(input: unknown, check: ProblemCollector): LoadPlan {
  const load = check.object(input, 'load', loadFields, true);
  const rate = check.number(load?.rate, 'load.rate', { fallback: 1, min: 0, minExclusive: true, max: maxRate, required: true });
  const durationMs = check.durationMs(load?.duration, 'load.duration', { fallback: 1000, required: true, minMs: 1000 });
  if (!check.has('load.rate') && !check.has('load.duration') && rate * (durationMs / 1000) > maxPlannedRequests) {
    check.add('load.duration', `with load.rate ${rate} plans ${Math.round(rate * durationMs / 1000)} requests; at most ${maxPlannedRequests} (${maxPlannedRequests * 29 / 1e6} MB of per-request data) fit one run`);
  }
  const timeoutMs = check.durationMs(load?.timeout, 'load.timeout', { fallback: 1000, minMs: 10, maxMs: 120_000 });
  const readRatio = resolveMix(load?.mix, check);

  const defaultConnections = Math.min(maxConnectionsLimit, Math.ceil(rate * (timeoutMs / 1000) * 1.5) + 16);
  const maxConnections = check.number(load?.maxConnections, 'load.maxConnections', {
    fallback: defaultConnections, min: 1, max: maxConnectionsLimit, integer: true,
  });
  const warmup = resolveWarmup(load?.warmup, check);
  const lateToleranceMs = check.durationMs(load?.lateTolerance, 'load.lateTolerance', { fallback: 100, minMs: 10, maxMs: 10_000 });
  return { rate, durationMs, readRatio, timeoutMs, maxConnections, warmup, lateToleranceMs };
}

/**
 * The share of reads. Shares are never rescaled: `{ read: 0.8, write: 0.1 }` is an error that
 * says so, not 89 % reads. One share alone means the other is the rest.
 */
function resolveMix(input: unknown, check: ProblemCollector): number {
  const mix = check.object(input, 'load.mix', ['read', 'write']);
  if (mix === undefined) return 0.9;
  const read = mix.read === undefined ? undefined : check.number(mix.read, 'load.mix.read', { fallback: Number.NaN, min: 0, max: 1 });
  const write = mix.write === undefined ? undefined : check.number(mix.write, 'load.mix.write', { fallback: Number.NaN, min: 0, max: 1 });
  if ((read !== undefined && Number.isNaN(read)) || (write !== undefined && Number.isNaN(write))) return 0.9;
  if (read === undefined && write === undefined) {
    check.add('load.mix', 'must give read, write or both, as shares from 0 to 1 that add up to 1, e.g. { read: 0.8, write: 0.2 }');
    return 0.9;
  }
  if (read !== undefined && write !== undefined && Math.abs(read + write - 1) > mixSlack) {
    check.add('load.mix', `read and write must add up to 1, got ${read} + ${write} = ${+(read + write).toFixed(6)}`);
    return 0.9;
  }
  return read ?? 1 - (write as number);
}

function resolveWarmup(input: unknown, check: ProblemCollector): WarmupPlan | undefined {
  if (input === undefined) return { ...defaultWarmup };
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const warmup = check.object(input, 'load.warmup', warmupFields) ?? {};
    const rampMs = check.durationMs(warmup.ramp, 'load.warmup.ramp', { fallback: defaultWarmup.rampMs, maxMs: 600_000 });
    const windowMs = check.durationMs(warmup.window, 'load.warmup.window', { fallback: defaultWarmup.windowMs, minMs: 100, maxMs: 60_000 });
    const maxHoldMs = check.durationMs(warmup.maxHold, 'load.warmup.maxHold', { fallback: defaultWarmup.maxHoldMs, minMs: 2 * windowMs, maxMs: 600_000 });
    return { rampMs, windowMs, maxHoldMs };
  }
  const rampMs = check.durationMs(input, 'load.warmup', { fallback: defaultWarmup.rampMs, maxMs: 600_000 });
  return rampMs === 0 ? undefined : { ...defaultWarmup, rampMs };
}
