import type { NetworkAddress, RunNetwork } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';

/** Where `from` reaches `to`'s `toPort`: through the fault proxy's port for that link, or directly. */
export function routeTo(stack: StackPlan, network: RunNetwork, from: string, to: string, toPort: number): NetworkAddress {
  const link = stack.links.find((l) => l.from === from && l.to === to && l.toPort === toPort);
  return link ? network.addressOf('proxy', link.listenPort) : network.addressOf(to, toPort);
}
