import type { Duration, LinkDirection, LinkTarget } from '../../scenario/types.js';
import { defineFaultKind } from '../fault-kind.js';
import { integerField, resolveLinkFault, type NetworkFaultPlan } from '../network-fault.js';
import { toxicFault } from '../toxic-fault.js';

/** Delay every chunk on the link by `latency` ms (± `jitter`). */
export interface LatencyFaultInput {
  readonly kind: 'latency';
  readonly target: LinkTarget;
  readonly latency: number;
  readonly jitter?: number;
  /** @default 'downstream' (adds the latency once per request/response round trip) */
  readonly direction?: LinkDirection;
  /** How long the fault lasts. Omit to keep it until load ends. */
  readonly duration?: Duration;
}

/** Adds `ms` of latency (± `jitter`) to a link, or to every link into a service: `latency('redis', 50, { duration: '10s' })`. */
export function latency(target: LinkTarget, ms: number, options: { duration?: Duration; direction?: LinkDirection; jitter?: number } = {}): LatencyFaultInput {
  return { kind: 'latency', target, latency: ms, ...options };
}

/** Toxiproxy's `latency` toxic; verified by a probe through the link taking that much longer. */
export const latencyFault = defineFaultKind<NetworkFaultPlan<'latency'>>({
  kind: 'latency',
  fields: ['target', 'latency', 'jitter', 'direction', 'duration'],
  exclusive: false,
  instantaneous: false,
  resolve: (fault, context) => resolveLinkFault('latency', fault, context, 'downstream', () => {
    const ms = integerField(fault, 'latency', context, { fallback: 0, required: true, min: 1 });
    const jitter = integerField(fault, 'jitter', context, { fallback: 0 });
    return { type: 'latency', attributes: { latency: ms, jitter }, what: `latency ${ms}ms${jitter > 0 ? ` ±${jitter}ms` : ''}` };
  }),
  create: toxicFault,
});
