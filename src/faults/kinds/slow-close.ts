import type { Duration, LinkDirection, LinkTarget } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { integerField, resolveLinkFault, type NetworkFaultPlan } from '../network-fault.js';
import { toxicFault } from '../toxic-fault.js';

/** Delay closing connections on the link by `delay` ms (`slow_close`). */
export interface SlowCloseFaultInput {
  readonly kind: 'slow-close';
  readonly target: LinkTarget;
  readonly delay: number;
  /** @default 'downstream' */
  readonly direction?: LinkDirection;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Delays closing connections on a link: `slowClose('redis', 2000)`. */
export function slowClose(target: LinkTarget, delay: number, options: { duration?: Duration; direction?: LinkDirection } = {}): SlowCloseFaultInput {
  return { kind: 'slow-close', target, delay, ...options };
}

/** Toxiproxy's `slow_close` toxic; verified by reading it back. */
export const slowCloseFault = defineFaultKind<NetworkFaultPlan<'slow-close'>>({
  kind: 'slow-close',
  fields: ['target', 'delay', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve: (fault, context) => resolveLinkFault('slow-close', fault, context, 'downstream', () => {
    const delay = integerField(fault, 'delay', context, { fallback: 0, required: true, min: 1 });
    return { type: 'slow_close', attributes: { delay }, what: `slow close ${delay}ms` };
  }),
  create: toxicFault,
});
