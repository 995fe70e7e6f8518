import type { NetworkAddress } from '../runtime/runtime.js';

/** `host:port`, the form service configurations take an address in. */
export function hostPort(address: NetworkAddress): string {
  return `${address.host}:${address.port}`;
}
