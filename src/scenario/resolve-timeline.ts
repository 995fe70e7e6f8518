import { describe, formatDuration } from './duration.js';
import type { FaultCore, FaultResolvers } from './fault-resolver.js';
import type { FaultPlanBase, LoadPlan, StackPlan } from './plan.js';
import { join, type ProblemCollector } from './problems.js';

export function resolveTimeline(input: unknown, stack: StackPlan, load: LoadPlan, kinds: FaultResolvers, check: ProblemCollector): FaultPlanBase[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    check.add('timeline', `must be an array of { at, fault } entries, got ${describe(input)}`);
    return [];
  }
  const faults: FaultPlanBase[] = [];
  input.forEach((entry: unknown, index) => {
    const field = join('timeline', index);
    const step = check.object(entry, field, ['at', 'fault'], true);
    if (step === undefined) return;
    const atMs = check.durationMs(step.at, `${field}.at`, { fallback: 0, required: true });
    if (atMs >= load.durationMs && !check.has('load.duration')) {
      check.add(`${field}.at`, `must be before load ends (load.duration is ${formatDuration(load.durationMs)}), got ${describe(step.at)}`);
    }
    const fault = resolveFault(step.fault, `${field}.fault`, stack, kinds, check);
    if (fault !== undefined) faults.push({ ...fault, id: `fault-${index + 1}`, atMs });
  });
  checkOverlaps(faults, kinds, check);
  return faults.sort((a, b) => a.atMs - b.atMs);
}

function resolveFault(input: unknown, field: string, stack: StackPlan, kinds: FaultResolvers, check: ProblemCollector): FaultCore | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    check.add(field, `is required: a fault such as kill('app-1'), pause('app-1', '3s'), latency('redis', 100), partition(['app-1'], ['db-1']); got ${describe(input)}`);
    return undefined;
  }
  const kind = check.string((input as { kind?: unknown }).kind, `${field}.kind`, { fallback: '', required: true, oneOf: [...kinds.keys()] });
  const resolver = kinds.get(kind);
  if (resolver === undefined) return undefined;
  const fault = check.object(input, field, ['kind', ...resolver.fields]) ?? {};
  return resolver.resolve(fault, { field, stack, check });
}

/**
 * Two container faults on one service at once (thawing a killed container, restarting a paused
 * one) would revert each other unpredictably, so they are refused. A fault without an end lasts
 * to the end of the run.
 */
function checkOverlaps(faults: readonly FaultPlanBase[], kinds: FaultResolvers, check: ProblemCollector): void {
  const byTarget = new Map<string, FaultPlanBase[]>();
  for (const fault of faults.filter((f) => kinds.get(f.kind)?.exclusive)) byTarget.set(fault.target, [...(byTarget.get(fault.target) ?? []), fault]);
  for (const list of byTarget.values()) {
    const sorted = [...list].sort((a, b) => a.atMs - b.atMs);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      const instantaneous = kinds.get(previous.kind)?.instantaneous === true;
      const previousEnd = previous.durationMs !== undefined ? previous.atMs + previous.durationMs
        : instantaneous ? previous.atMs : Number.POSITIVE_INFINITY;
      if (current.atMs < previousEnd || current.atMs === previous.atMs) {
        const index = Number(current.id.slice('fault-'.length)) - 1;
        check.add(`timeline[${index}].at`, `overlaps ${previous.id} (${previous.label}) on the same service; allowed: one container fault per service at a time, after the previous one has ended`);
      }
    }
  }
}
