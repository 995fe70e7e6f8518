import { describe, formatDuration } from './duration.js';
import type { FaultPlan, LoadPlan, StackPlan } from './plan.js';
import { join, type ProblemCollector } from './problems.js';
import type { FaultKind, KillSignal } from './types.js';

const faultFields: Readonly<Record<FaultKind, readonly string[]>> = {
  kill: ['kind', 'target', 'signal', 'restartAfter'],
  pause: ['kind', 'target', 'duration'],
  restart: ['kind', 'target', 'grace'],
  stop: ['kind', 'target', 'duration', 'grace'],
};
export const faultKinds = Object.keys(faultFields) as FaultKind[];
export const killSignals: readonly KillSignal[] = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

export function resolveTimeline(input: unknown, stack: StackPlan, load: LoadPlan, check: ProblemCollector): FaultPlan[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    check.add('timeline', `must be an array of { at, fault } entries, got ${describe(input)}`);
    return [];
  }
  const services = stack.services.map((service) => service.name);
  const faults: FaultPlan[] = [];
  input.forEach((entry: unknown, index) => {
    const field = join('timeline', index);
    const step = check.object(entry, field, ['at', 'fault'], true);
    if (step === undefined) return;
    const atMs = check.durationMs(step.at, `${field}.at`, { fallback: 0, required: true });
    if (atMs >= load.durationMs && !check.has('load.duration')) {
      check.add(`${field}.at`, `must be before load ends (load.duration is ${formatDuration(load.durationMs)}), got ${describe(step.at)}`);
    }
    const fault = resolveFault(step.fault, `${field}.fault`, services, check);
    if (fault !== undefined) faults.push({ ...fault, id: `fault-${index + 1}`, atMs, label: faultLabel(fault) });
  });
  checkOverlaps(faults, check);
  return faults.sort((a, b) => a.atMs - b.atMs);
}

type FaultCore = Omit<FaultPlan, 'id' | 'atMs' | 'label'>;

function resolveFault(input: unknown, field: string, services: readonly string[], check: ProblemCollector): FaultCore | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    check.add(field, `is required: a fault such as kill('app-1'), pause('app-1', '3s'), restart('redis'), stop('db-1'); got ${describe(input)}`);
    return undefined;
  }
  const kind = check.string((input as { kind?: unknown }).kind, `${field}.kind`, { fallback: '', required: true, oneOf: faultKinds });
  if (kind === '') return undefined;
  const fault = check.object(input, field, faultFields[kind as FaultKind]) ?? {};
  const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: services });
  const core: FaultCore = { kind: kind as FaultKind, target, durationMs: undefined, signal: undefined, graceMs: undefined };
  switch (kind as FaultKind) {
    case 'kill':
      return {
        ...core,
        signal: check.string(fault.signal, `${field}.signal`, { fallback: 'SIGKILL', oneOf: killSignals }) as KillSignal,
        durationMs: fault.restartAfter === undefined ? undefined
          : check.durationMs(fault.restartAfter, `${field}.restartAfter`, { fallback: 1000, minMs: 1 }),
      };
    case 'pause':
      return { ...core, durationMs: check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, required: true, minMs: 1 }) };
    case 'restart':
      return { ...core, graceMs: check.durationMs(fault.grace, `${field}.grace`, { fallback: 0 }) };
    case 'stop':
      return {
        ...core,
        graceMs: check.durationMs(fault.grace, `${field}.grace`, { fallback: 10_000 }),
        durationMs: fault.duration === undefined ? undefined
          : check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, minMs: 1 }),
      };
  }
}

function faultLabel(fault: FaultCore): string {
  switch (fault.kind) {
    case 'kill':
      return `kill ${fault.target} (${fault.signal ?? 'SIGKILL'})${fault.durationMs === undefined ? '' : `, restart after ${formatDuration(fault.durationMs)}`}`;
    case 'pause':
      return `pause ${fault.target} for ${formatDuration(fault.durationMs ?? 0)}`;
    case 'restart':
      return `restart ${fault.target}`;
    case 'stop':
      return `stop ${fault.target}${fault.durationMs === undefined ? '' : ` for ${formatDuration(fault.durationMs)}`}`;
  }
}

/**
 * Two faults on one service at once would revert each other unpredictably (thawing a killed
 * container, restarting a paused one), so they are refused. A fault without an end lasts to
 * the end of the run.
 */
function checkOverlaps(faults: readonly FaultPlan[], check: ProblemCollector): void {
  const byTarget = new Map<string, FaultPlan[]>();
  for (const fault of faults) byTarget.set(fault.target, [...(byTarget.get(fault.target) ?? []), fault]);
  for (const list of byTarget.values()) {
    const sorted = [...list].sort((a, b) => a.atMs - b.atMs);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      const lasting = previous.kind === 'kill' || previous.kind === 'stop';
      const previousEnd = previous.durationMs !== undefined ? previous.atMs + previous.durationMs
        : lasting ? Number.POSITIVE_INFINITY : previous.atMs;
      if (current.atMs < previousEnd || current.atMs === previous.atMs) {
        const index = Number(current.id.slice('fault-'.length)) - 1;
        check.add(`timeline[${index}].at`, `overlaps ${previous.id} (${previous.label}) on the same service; allowed: one fault per service at a time, after the previous one has ended`);
      }
    }
  }
}
