import { describe } from '../../scenario/duration.js';
import type { ToxicPlan } from '../../scenario/plan.js';
import type { Duration, ServiceName } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { requireProxy, touchedServices, type NetworkFaultPlan } from '../network-fault.js';
import { lasting } from '../resolve-helpers.js';
import { toxicFault } from '../toxic-fault.js';

/**
 * Cut every link between two groups of services (black-holed, like dropped packets). `direction`
 * `'both'` cuts traffic both ways; `'a-to-b'` only what group A sends to group B.
 */
export interface PartitionFaultInput {
  readonly kind: 'partition';
  readonly groups: readonly [readonly (ServiceName | 'client')[], readonly (ServiceName | 'client')[]];
  /** @default 'both' */
  readonly direction?: 'both' | 'a-to-b' | 'b-to-a';
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Cuts every link between two groups: `partition(['app-1', 'app-2'], ['db-1'], { duration: '5s' })`. */
export function partition(
  groupA: readonly (ServiceName | 'client')[],
  groupB: readonly (ServiceName | 'client')[],
  options: { duration?: Duration; direction?: 'both' | 'a-to-b' | 'b-to-a' } = {},
): PartitionFaultInput {
  return { kind: 'partition', groups: [groupA, groupB], ...options };
}

/** `timeout` toxics (timeout 0) on every link crossing between the groups, in the directions asked for. */
export const partitionFault = defineFaultKind<NetworkFaultPlan<'partition'>>({
  kind: 'partition',
  fields: ['groups', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve(fault, context) {
    if (!requireProxy('partition', context)) return undefined;
    const { field, stack, check } = context;
    const durationMs = fault.duration === undefined ? undefined : check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, minMs: 1 });
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
    // Requests travel upstream (client → server) on a link, responses downstream.
    const toxics: ToxicPlan[] = [];
    for (const link of stack.links) {
      const aToB = a.includes(link.from) && b.includes(link.to);
      const bToA = b.includes(link.from) && a.includes(link.to);
      if (!aToB && !bToA) continue;
      const streams: ToxicPlan['stream'][] = direction === 'both' ? ['upstream', 'downstream']
        : (direction === 'a-to-b') === aToB ? ['upstream'] : ['downstream'];
      for (const stream of streams) toxics.push({ link: link.name, stream, type: 'timeout', attributes: { timeout: 0 } });
    }
    if (toxics.length === 0 && overlap.length === 0) {
      check.add(`${field}.groups`, `no link crosses between [${a.join(', ')}] and [${b.join(', ')}]; links: ${stack.links.map((l) => l.name).join(', ')}`);
    }
    const crossing = [...new Set(toxics.map((t) => t.link))];
    const target = `[${a.join(', ')}] | [${b.join(', ')}]`;
    return {
      kind: 'partition', target, toxics, durationMs,
      services: touchedServices(stack.links.filter((l) => crossing.includes(l.name))),
      label: `partition ${direction === 'both' ? '' : `${direction} `}${target} (${crossing.join(', ')})${lasting(durationMs)}`,
    };
  },
  create: toxicFault,
});
