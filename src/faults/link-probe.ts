import { connect } from 'node:net';
import type { Endpoint } from '../runtime/runtime.js';

/**
 * What the service behind a link speaks, so a probe can ask it something. `opaque`: a protocol a
 * probe must not speak (the backup store's upload port would take it for a broken upload).
 */
export type LinkProtocol = 'http' | 'redis' | 'mysql' | 'opaque';

export interface ProbeResult {
  /** `answered`: bytes came back; `silent`: nothing within the timeout; `closed`/`reset`/`refused`: the connection ended. */
  readonly outcome: 'answered' | 'silent' | 'closed' | 'reset' | 'refused';
  /** From connect to the first byte back (or to the end). */
  readonly ms: number;
}

const requests: Readonly<Record<LinkProtocol, string | undefined>> = {
  http: 'GET /healthz HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n',
  redis: 'PING\r\n',
  mysql: undefined, // the server speaks first (its greeting)
  opaque: undefined,
};

/**
 * One round trip through a link, from the host, on the proxy's loopback port for it: how long
 * until the first byte comes back. Used to check that a network fault really took effect.
 */
export function probeLink(endpoint: Endpoint, protocol: LinkProtocol, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const began = performance.now();
    const socket = connect(endpoint.port, endpoint.host);
    let settled = false;
    const finish = (outcome: ProbeResult['outcome']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ outcome, ms: performance.now() - began });
    };
    const timer = setTimeout(() => finish('silent'), timeoutMs);
    socket.once('connect', () => {
      const request = requests[protocol];
      if (request !== undefined) socket.write(request);
    });
    socket.once('data', () => finish('answered'));
    socket.once('end', () => finish('closed'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ECONNRESET' ? 'reset' : 'closed'));
  });
}

/** Whether a probe can see a toxic on this stream: a server-first protocol sends nothing upstream to delay. */
export function probeSees(protocol: LinkProtocol, stream: 'upstream' | 'downstream'): boolean {
  if (protocol === 'opaque') return false;
  return stream === 'downstream' || requests[protocol] !== undefined;
}
