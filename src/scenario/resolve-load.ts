import type { LoadPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

const loadFields = ['rate', 'duration', 'mix', 'timeout', 'maxConnections'] as const;

/** Highest arrival rate one generator process is trusted to hold (see bench/). */
export const maxRate = 5000;
export const maxConnectionsLimit = 4096;
/** Requests one run may plan: 28 bytes each are held in memory. */
export const maxPlannedRequests = 20_000_000;

export function resolveLoad(input: unknown, check: ProblemCollector): LoadPlan {
  const load = check.object(input, 'load', loadFields, true);
  const rate = check.number(load?.rate, 'load.rate', { fallback: 1, min: 0, minExclusive: true, max: maxRate, required: true });
  const durationMs = check.durationMs(load?.duration, 'load.duration', { fallback: 1000, required: true, minMs: 1000 });
  if (!check.has('load.rate') && !check.has('load.duration') && rate * (durationMs / 1000) > maxPlannedRequests) {
    check.add('load.duration', `with load.rate ${rate} plans ${Math.round(rate * durationMs / 1000)} requests; at most ${maxPlannedRequests} (${maxPlannedRequests * 28 / 1e6} MB of per-request data) fit one run`);
  }
  const timeoutMs = check.durationMs(load?.timeout, 'load.timeout', { fallback: 1000, minMs: 10, maxMs: 120_000 });

  const mix = check.object(load?.mix, 'load.mix', ['read', 'write']);
  const read = check.number(mix?.read, 'load.mix.read', { fallback: mix?.write === undefined ? 0.9 : 0, min: 0 });
  const write = check.number(mix?.write, 'load.mix.write', { fallback: mix?.read === undefined ? 0.1 : 0, min: 0 });
  if (mix !== undefined && read + write === 0) check.add('load.mix', 'read and write must not both be 0');
  const readRatio = read + write === 0 ? 0.9 : read / (read + write);

  const defaultConnections = Math.min(maxConnectionsLimit, Math.ceil(rate * (timeoutMs / 1000) * 1.5) + 16);
  const maxConnections = check.number(load?.maxConnections, 'load.maxConnections', {
    fallback: defaultConnections, min: 1, max: maxConnectionsLimit, integer: true,
  });
  return { rate, durationMs, readRatio, timeoutMs, maxConnections };
}
