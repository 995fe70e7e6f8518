import type { RunNetwork } from '../runtime/runtime.js';
import type { LinkPlan } from '../scenario/plan.js';
import { hostPort } from './host-port.js';

/** Where the proxy's start-up configuration goes in its container. */
export const proxyConfigPath = '/etc/faultline/proxy.json';

/**
 * The links as a Toxiproxy `-config` file (the same array `POST /populate` takes): one proxy per
 * link, named after it, listening on all interfaces of the proxy container, forwarding to the
 * in-network address of the link's target.
 */
export function proxyPopulateConfig(links: readonly LinkPlan[], network: RunNetwork): string {
  return `${JSON.stringify(links.map((link) => ({
    name: link.name,
    listen: `0.0.0.0:${link.listenPort}`,
    upstream: hostPort(network.addressOf(link.to, link.toPort)),
    enabled: true,
  })), null, 2)}\n`;
}
