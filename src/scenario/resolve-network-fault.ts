import { describe, formatDuration } from './duration.js';
import type { LinkPlan, StackPlan, ToxicPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';
import type { FaultCore } from './resolve-timeline.js';
import type { FaultKind } from './types.js';

type Stream = 'upstream' | 'downstream';
const directions = ['upstream', 'downstream', 'both'] as const;

const fields: Readonly<Record<string, readonly string[]>> = {
  latency: ['kind', 'target', 'latency', 'jitter', 'direction', 'duration'],
  bandwidth: ['kind', 'target', 'rate', 'direction', 'duration'],
  blackhole: ['kind', 'target', 'direction', 'duration'],
  reset: ['kind', 'target', 'after', 'direction', 'duration'],
  'slow-close': ['kind', 'target', 'delay', 'direction', 'duration'],
  partition: ['kind', 'groups', 'direction', 'duration'],
};
export const networkFaultKinds = Object.keys(fields) as FaultKind[];

/** Faults that put Toxiproxy toxics on links of the fault proxy. */
export function resolveNetworkFault(kind: FaultKind, input: object, field: string, stack: StackPlan, check: ProblemCollector): FaultCore | undefined {
  const fault = check.object(input, field, fields[kind] ?? []) ?? {};
  if (!stack.proxy.enabled) {
    check.add(`${field}.kind`, `'${kind}' needs the fault proxy, but stack.proxy.enabled is false; allowed without it: kill, pause, restart, stop, isolate`);
    return undefined;
  }
  const durationMs = fault.duration === undefined ? undefined : check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, minMs: 1 });
  const integer = (key: string, rule: { fallback: number; required?: boolean; min?: number }): number =>
    check.number(fault[key], `${field}.${key}`, { integer: true, min: 0, ...rule });

  if (kind === 'partition') return resolvePartition(fault, field, stack, check, durationMs);

  const defaultDirection = kind === 'blackhole' ? 'both' : 'downstream';
  const direction = check.string(fault.direction, `${field}.direction`, { fallback: defaultDirection, oneOf: directions }) as (typeof directions)[number];
  const streams: Stream[] = direction === 'both' ? ['upstream', 'downstream'] : [direction];
  const { target, links } = resolveLinkTarget(fault.target, `${field}.target`, stack, check);
  let type: ToxicPlan['type'];
  let attributes: Record<string, number>;
  let what: string;
  switch (kind) {
    case 'latency': {
      const latency = integer('latency', { fallback: 0, required: true, min: 1 });
      const jitter = integer('jitter', { fallback: 0 });
      [type, attributes, what] = ['latency', { latency, jitter }, `latency ${latency}ms${jitter > 0 ? ` ±${jitter}ms` : ''}`];
      break;
    }
    case 'bandwidth': {
      const rate = integer('rate', { fallback: 1, required: true, min: 1 });
      [type, attributes, what] = ['bandwidth', { rate }, `bandwidth ${rate} KB/s`];
      break;
    }
    case 'blackhole':
      [type, attributes, what] = ['timeout', { timeout: 0 }, 'blackhole'];
      break;
    case 'reset': {
      const after = integer('after', { fallback: 0 });
      [type, attributes, what] = ['reset_peer', { timeout: after }, `reset${after > 0 ? ` after ${after}ms` : ''}`];
      break;
    }
    default: {
      const delay = integer('delay', { fallback: 0, required: true, min: 1 });
      [type, attributes, what] = ['slow_close', { delay }, `slow close ${delay}ms`];
    }
  }
  const toxics = links.flatMap((link) => streams.map((stream) => ({ link: link.name, stream, type, attributes })));
  return {
    kind, target, toxics, durationMs, signal: undefined, graceMs: undefined,
    services: touched(links),
    label: `${what} on ${target}${links.length === 1 && links[0]!.name === target ? '' : ` (${links.map((l) => l.name).join(', ')})`}, ${direction}${lasting(durationMs)}`,
  };
}

/** A link name, or a service meaning every link into it. */
function resolveLinkTarget(value: unknown, field: string, stack: StackPlan, check: ProblemCollector): { target: string; links: LinkPlan[] } {
  const allowed = `a link (${stack.links.map((l) => l.name).join(', ')}) or a service with links into it (${[...new Set(stack.links.map((l) => l.to))].join(', ')})`;
  if (typeof value !== 'string') {
    check.add(field, `must be ${allowed}, got ${describe(value)}`);
    return { target: '', links: [] };
  }
  const link = stack.links.find((l) => l.name === value);
  const links = link ? [link] : stack.links.filter((l) => l.to === value);
  if (links.length === 0) check.add(field, `must be ${allowed}, got '${value}'`);
  return { target: value, links };
}

function resolvePartition(fault: Readonly<Record<string, unknown>>, field: string, stack: StackPlan, check: ProblemCollector, durationMs: number | undefined): FaultCore | undefined {
  const known = ['client', ...stack.services.map((s) => s.name)];
  const groups = fault.groups;
  if (!Array.isArray(groups) || groups.length !== 2 || !groups.every((g) => Array.isArray(g) && g.length > 0)) {
    check.add(`${field}.groups`, `must be two non-empty lists of services, e.g. [['app-1', 'app-2'], ['db-1']], got ${describe(groups)}`);
    return undefined;
  }
  const [a, b] = groups as [unknown[], unknown[]];
  [a, b].forEach((group, g) => group.forEach((name, i) => {
    if (typeof name !== 'string' || !known.includes(name)) check.add(`${field}.groups[${g}][${i}]`, `must be one of ${known.join(', ')}, got ${describe(name)}`);
  }));
  const overlap = a.filter((name) => b.includes(name));
  if (overlap.length > 0) check.add(`${field}.groups`, `a service cannot be on both sides of a partition: ${overlap.join(', ')}`);
  const direction = check.string(fault.direction, `${field}.direction`, { fallback: 'both', oneOf: ['both', 'a-to-b', 'b-to-a'] });
  const inA = (name: string): boolean => a.includes(name);
  const inB = (name: string): boolean => b.includes(name);
  // Requests travel upstream (client → server) on a link, responses downstream.
  const toxics: ToxicPlan[] = [];
  for (const link of stack.links) {
    const aToB = inA(link.from) && inB(link.to);
    const bToA = inB(link.from) && inA(link.to);
    if (!aToB && !bToA) continue;
    const streams: Stream[] = direction === 'both' ? ['upstream', 'downstream']
      : (direction === 'a-to-b') === aToB ? ['upstream'] : ['downstream'];
    for (const stream of streams) toxics.push({ link: link.name, stream, type: 'timeout', attributes: { timeout: 0 } });
  }
  if (toxics.length === 0 && overlap.length === 0) {
    check.add(`${field}.groups`, `no link crosses between [${a.join(', ')}] and [${b.join(', ')}]; links: ${stack.links.map((l) => l.name).join(', ')}`);
  }
  const crossing = [...new Set(toxics.map((t) => t.link))];
  const target = `[${a.join(', ')}] | [${b.join(', ')}]`;
  return {
    kind: 'partition', target, toxics, durationMs, signal: undefined, graceMs: undefined,
    services: touched(stack.links.filter((l) => crossing.includes(l.name))),
    label: `partition ${direction === 'both' ? '' : `${direction} `}${target} (${crossing.join(', ')})${lasting(durationMs)}`,
  };
}

function touched(links: readonly LinkPlan[]): string[] {
  return [...new Set(links.flatMap((l) => [l.from, l.to]).filter((name) => name !== 'client'))];
}

function lasting(durationMs: number | undefined): string {
  return durationMs === undefined ? '' : ` for ${formatDuration(durationMs)}`;
}
