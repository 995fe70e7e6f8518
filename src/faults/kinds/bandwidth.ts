import type { Duration, LinkDirection, LinkTarget } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { integerField, resolveLinkFault, type NetworkFaultPlan } from '../network-fault.js';
import { toxicFault } from '../toxic-fault.js';

/** Limit the link to `rate` KB/s (1 KB = 1000 bytes). */
export interface BandwidthFaultInput {
  readonly kind: 'bandwidth';
  readonly target: LinkTarget;
  readonly rate: number;
  /** @default 'downstream' */
  readonly direction?: LinkDirection;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Limits a link to `rate` KB/s: `bandwidth('app-1->db-1', 50)`. */
export function bandwidth(target: LinkTarget, rate: number, options: { duration?: Duration; direction?: LinkDirection } = {}): BandwidthFaultInput {
  return { kind: 'bandwidth', target, rate, ...options };
}

/** Toxiproxy's `bandwidth` toxic; verified by reading it back (a probe cannot see a rate). */
export const bandwidthFault = defineFaultKind<NetworkFaultPlan<'bandwidth'>>({
  kind: 'bandwidth',
  fields: ['target', 'rate', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve: (fault, context) => resolveLinkFault('bandwidth', fault, context, 'downstream', () => {
    const rate = integerField(fault, 'rate', context, { fallback: 1, required: true, min: 1 });
    return { type: 'bandwidth', attributes: { rate }, what: `bandwidth ${rate} KB/s` };
  }),
  create: toxicFault,
});
