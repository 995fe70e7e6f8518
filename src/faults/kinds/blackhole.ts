import type { Duration, LinkDirection, LinkTarget } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { resolveLinkFault, type NetworkFaultPlan } from '../network-fault.js';
import { toxicFault } from '../toxic-fault.js';

/** Drop every byte on the link: connections open but nothing arrives (Toxiproxy's `timeout` toxic with 0). */
export interface BlackholeFaultInput {
  readonly kind: 'blackhole';
  readonly target: LinkTarget;
  /** @default 'both' */
  readonly direction?: LinkDirection;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Drops everything on a link (connections hang): `blackhole('db-1', { duration: '5s' })`. */
export function blackhole(target: LinkTarget, options: { duration?: Duration; direction?: LinkDirection } = {}): BlackholeFaultInput {
  return { kind: 'blackhole', target, ...options };
}

/** Toxiproxy's `timeout` toxic with timeout 0; verified by a probe through the link getting no answer. */
export const blackholeFault = defineFaultKind<NetworkFaultPlan<'blackhole'>>({
  kind: 'blackhole',
  fields: ['target', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve: (fault, context) => resolveLinkFault('blackhole', fault, context, 'both', () => ({ type: 'timeout', attributes: { timeout: 0 }, what: 'blackhole' })),
  create: toxicFault,
});
