import { describe } from '../scenario/duration.js';
import type { FaultCore, FaultResolveContext } from '../scenario/fault-resolver.js';
import type { FaultPlanBase, LinkPlan, ToxicPlan } from '../scenario/plan.js';
import type { LinkDirection } from '../scenario/types.js';
import { lasting } from './resolve-helpers.js';

/** A fault made of toxics on links of the fault proxy: one per link direction. */
export interface NetworkFaultPlan<K extends string = string> extends FaultPlanBase {
  readonly kind: K;
  readonly toxics: readonly ToxicPlan[];
}

type Fields = Readonly<Record<string, unknown>>;
type Stream = ToxicPlan['stream'];
const directions = ['upstream', 'downstream', 'both'] as const;

/** What one network fault kind puts on each link direction it acts on. */
export interface ToxicSpec {
  readonly type: ToxicPlan['type'];
  readonly attributes: Readonly<Record<string, number>>;
  /** How the label names it, e.g. `latency 100ms ±10ms`. */
  readonly what: string;
}

/** Network faults act through the fault proxy; without it there is nothing to act on. */
export function requireProxy(kind: string, { field, stack, check }: FaultResolveContext): boolean {
  if (stack.proxy.enabled) return true;
  check.add(`${field}.kind`, `'${kind}' needs the fault proxy, but stack.proxy.enabled is false; allowed without it: kill, pause, restart, stop, isolate`);
  return false;
}

/** A non-negative integer field of a network fault. */
export function integerField(fault: Fields, key: string, context: FaultResolveContext, rule: { fallback: number; required?: boolean; min?: number }): number {
  return context.check.number(fault[key], `${context.field}.${key}`, { integer: true, min: 0, ...rule });
}

/**
 * Resolves a fault that puts one kind of toxic on a link, or on every link into a service, in
 * the directions asked for (`direction`, default `defaultDirection`).
 */
export function resolveLinkFault<K extends string>(
  kind: K, fault: Fields, context: FaultResolveContext, defaultDirection: LinkDirection, spec: (fault: Fields) => ToxicSpec,
): FaultCore<NetworkFaultPlan<K>> | undefined {
  if (!requireProxy(kind, context)) return undefined;
  const { field, check } = context;
  const durationMs = fault.duration === undefined ? undefined : check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, minMs: 1 });
  const direction = check.string(fault.direction, `${field}.direction`, { fallback: defaultDirection, oneOf: directions }) as LinkDirection;
  const streams: Stream[] = direction === 'both' ? ['upstream', 'downstream'] : [direction];
  const { target, links } = resolveLinkTarget(fault.target, context);
  const { type, attributes, what } = spec(fault);
  const toxics = links.flatMap((link) => streams.map((stream) => ({ link: link.name, stream, type, attributes })));
  const named = links.length === 1 && links[0]!.name === target ? '' : ` (${links.map((l) => l.name).join(', ')})`;
  return { kind, target, toxics, durationMs, services: touchedServices(links), label: `${what} on ${target}${named}, ${direction}${lasting(durationMs)}` };
}

/** A link name, or a service meaning every link into it. */
function resolveLinkTarget(value: unknown, { field, stack, check }: FaultResolveContext): { target: string; links: LinkPlan[] } {
  const allowed = `a link (${stack.links.map((l) => l.name).join(', ')}) or a service with links into it (${[...new Set(stack.links.map((l) => l.to))].join(', ')})`;
  if (typeof value !== 'string') {
    check.add(`${field}.target`, `must be ${allowed}, got ${describe(value)}`);
    return { target: '', links: [] };
  }
  const link = stack.links.find((l) => l.name === value);
  const links = link ? [link] : stack.links.filter((l) => l.to === value);
  if (links.length === 0) check.add(`${field}.target`, `must be ${allowed}, got '${value}'`);
  return { target: value, links };
}

/** Both ends of every link, except the load generator. */
export function touchedServices(links: readonly LinkPlan[]): string[] {
  return [...new Set(links.flatMap((l) => [l.from, l.to]).filter((name) => name !== 'client'))];
}
