import type { Duration, LinkDirection, LinkTarget } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { integerField, resolveLinkFault, type NetworkFaultPlan } from '../network-fault.js';
import { toxicFault } from '../toxic-fault.js';

/** Reset connections (TCP RST) on the link when data arrives, after `after` ms (`reset_peer`). */
export interface ResetFaultInput {
  readonly kind: 'reset';
  readonly target: LinkTarget;
  /** @default 0 */
  readonly after?: number;
  /** @default 'downstream' */
  readonly direction?: LinkDirection;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Resets connections on a link when data arrives, after `after` ms: `reset('lb->app-2')`. */
export function reset(target: LinkTarget, options: { duration?: Duration; direction?: LinkDirection; after?: number } = {}): ResetFaultInput {
  return { kind: 'reset', target, ...options };
}

/** Toxiproxy's `reset_peer` toxic; verified by a probe through the link being reset. */
export const resetFault = defineFaultKind<NetworkFaultPlan<'reset'>>({
  kind: 'reset',
  fields: ['target', 'after', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve: (fault, context) => resolveLinkFault('reset', fault, context, 'downstream', () => {
    const after = integerField(fault, 'after', context, { fallback: 0 });
    return { type: 'reset_peer', attributes: { timeout: after }, what: `reset${after > 0 ? ` after ${after}ms` : ''}` };
  }),
  create: toxicFault,
});
