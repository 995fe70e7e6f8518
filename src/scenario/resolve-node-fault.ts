import { formatDuration } from './duration.js';
import type { StackPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';
import type { FaultCore } from './resolve-timeline.js';
import type { FaultKind, KillSignal } from './types.js';

const fields: Readonly<Record<string, readonly string[]>> = {
  kill: ['kind', 'target', 'signal', 'restartAfter'],
  pause: ['kind', 'target', 'duration'],
  restart: ['kind', 'target', 'grace'],
  stop: ['kind', 'target', 'duration', 'grace'],
  isolate: ['kind', 'target', 'duration'],
  switchover: ['kind', 'to'],
  promote: ['kind', 'target'],
};
export const nodeFaultKinds = Object.keys(fields) as FaultKind[];
export const killSignals: readonly KillSignal[] = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

/** Faults that act on one service's container: kill, pause, restart, stop, isolate. */
export function resolveNodeFault(kind: FaultKind, input: object, field: string, stack: StackPlan, check: ProblemCollector): FaultCore {
  const fault = check.object(input, field, fields[kind] ?? []) ?? {};
  if (kind === 'switchover' || kind === 'promote') return resolveControllerStep(kind, fault, field, stack, check);
  const services = stack.services.map((service) => service.name);
  const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: services });
  const optionalDuration = (key: string): number | undefined => fault[key] === undefined ? undefined
    : check.durationMs(fault[key], `${field}.${key}`, { fallback: 1000, minMs: 1 });
  const base = { kind, target, services: [target], toxics: [], durationMs: undefined, signal: undefined, graceMs: undefined };
  let core: Omit<FaultCore, 'label'>;
  switch (kind) {
    case 'kill':
      core = { ...base, signal: check.string(fault.signal, `${field}.signal`, { fallback: 'SIGKILL', oneOf: killSignals }) as KillSignal, durationMs: optionalDuration('restartAfter') };
      break;
    case 'pause':
      core = { ...base, durationMs: check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, required: true, minMs: 1 }) };
      break;
    case 'restart':
      core = { ...base, graceMs: check.durationMs(fault.grace, `${field}.grace`, { fallback: 10_000 }) };
      break;
    case 'stop':
      core = { ...base, graceMs: check.durationMs(fault.grace, `${field}.grace`, { fallback: 10_000 }), durationMs: optionalDuration('duration') };
      break;
    default: // isolate
      core = { ...base, durationMs: optionalDuration('duration') };
      break;
  }
  return { ...core, label: label(core) };
}

function label(fault: Omit<FaultCore, 'label'>): string {
  const lasting = fault.durationMs === undefined ? '' : ` for ${formatDuration(fault.durationMs)}`;
  switch (fault.kind) {
    case 'kill':
      return `kill ${fault.target} (${fault.signal ?? 'SIGKILL'})${fault.durationMs === undefined ? '' : `, restart after ${formatDuration(fault.durationMs)}`}`;
    case 'restart':
      return `restart ${fault.target}`;
    default:
      return `${fault.kind} ${fault.target}${lasting}`;
  }
}

/** Game-day steps carried out by the failover controller. */
function resolveControllerStep(kind: 'switchover' | 'promote', fault: Readonly<Record<string, unknown>>, field: string, stack: StackPlan, check: ProblemCollector): FaultCore {
  if (stack.controller === undefined) {
    check.add(`${field}.kind`, `'${kind}' needs the failover controller: set stack.db.replication to 'async' or 'semi-sync'`);
  }
  const key = kind === 'switchover' ? 'to' : 'target';
  const node = kind === 'switchover' && fault.to === undefined ? ''
    : check.string(fault[key], `${field}.${key}`, { fallback: '', required: true, oneOf: stack.db.nodes });
  const label = kind === 'switchover' ? `switchover${node === '' ? '' : ` to ${node}`}` : `promote ${node}`;
  return { kind, target: node || 'controller', services: ['controller', ...stack.db.nodes], toxics: [], durationMs: undefined, signal: undefined, graceMs: undefined, label };
}
