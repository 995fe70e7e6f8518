import type { FaultResolvers } from './fault-resolver.js';
import type { ScenarioPlan } from './plan.js';
import { ProblemCollector, type Problem } from './problems.js';
import { resolveLoad } from './resolve-load.js';
import { resolveSlo } from './resolve-slo.js';
import { resolveStack } from './resolve-stack.js';
import { resolveTimeline } from './resolve-timeline.js';

export type ResolveResult =
  | { readonly ok: true; readonly plan: ScenarioPlan }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const scenarioFields = ['name', 'description', 'stack', 'load', 'timeline', 'slo', 'deadline'] as const;
/** Longest deadline a timer can hold (2³¹ − 1 ms, about 24.8 days). */
const maxDeadlineMs = 2 ** 31 - 1;

/**
 * Turns a scenario as written (durations as strings, defaults left out) into a plan, or into the
 * complete list of problems with it. The only place user input is interpreted. Fault kinds come
 * from the catalogue that `faults` names (the library's `resolveScenario` passes faultline's own).
 */
export function resolveScenarioWith(faults: FaultResolvers, input: unknown, file?: string): ResolveResult {
  const check = new ProblemCollector(file);
  const root = check.object(input, 'scenario', scenarioFields, true) ?? {};
  if (input !== undefined && check.problems.length > 0 && Object.keys(root).length === 0) {
    return { ok: false, problems: check.problems };
  }
  const name = check.string(root.name, 'name', {
    fallback: 'unnamed', required: true, pattern: /^[a-z0-9][a-z0-9._-]{0,79}$/, patternText: 'kebab-case: lower-case letters, digits, ".", "_" or "-", at most 80 characters',
  });
  const description = check.string(root.description, 'description', { fallback: '' });
  const stack = resolveStack(root.stack, check);
  const load = resolveLoad(root.load, check);
  const timeline = resolveTimeline(root.timeline, stack, load, faults, check);
  const slo = resolveSlo(root.slo, { replicated: stack.db.nodes.length > 1, writes: load.readRatio < 1 }, check);
  const warmupMs = load.warmup ? load.warmup.rampMs + load.warmup.maxHoldMs : 0;
  const deadlineMs = check.durationMs(root.deadline, 'deadline', { fallback: Math.min(load.durationMs + warmupMs + 300_000, maxDeadlineMs), minMs: load.durationMs, maxMs: maxDeadlineMs });

  if (check.problems.length > 0) return { ok: false, problems: check.problems };
  // Some faults need the stack built for them from the start (a disk that can be filled).
  const limitedDisks = timeline.flatMap((entry) => faults.get(entry.kind)?.limitedDisks?.(entry) ?? []);
  const planned = limitedDisks.length > 0 ? { ...stack, db: { ...stack.db, limitedDisks } } : stack;
  // The catalogue's modules resolve their own kinds, so each entry is its kind's plan.
  return { ok: true, plan: { name, description, file, stack: planned, load, timeline: timeline as ScenarioPlan['timeline'], slo, deadlineMs } };
}
