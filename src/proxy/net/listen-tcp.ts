import { createServer, type Server, type Socket } from 'node:net';
import { AddressError, formatBoundAddress, type ListenTarget } from './address.js';

/** A bound listener and the `listen` string Toxiproxy reports for it. */
export interface BoundListener {
  readonly server: Server;
  readonly address: string;
}

/** Go's wording for the errno values a bind can fail with. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EADDRINUSE: 'bind: address already in use',
  EACCES: 'bind: permission denied',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
  EAFNOSUPPORT: 'socket: address family not supported by protocol',
  EINVAL: 'bind: invalid argument',
};

/**
 * Opens a TCP listener like Go's `net.Listen`. Accepted sockets start paused (nothing is read
 * until the upstream is dialled) and half-open capable (the proxy decides when to close).
 * Errors read `listen tcp 127.0.0.1:3310: bind: address already in use`.
 */
export async function listenTcp(target: ListenTarget, onConnection: (socket: Socket) => void): Promise<BoundListener> {
  const server = createServer({ pauseOnConnect: true, allowHalfOpen: true }, onConnection);
  if (target.ip !== undefined) return bind(server, target, target.ip);
  try {
    return await bind(server, target, '::');
  } catch (error) {
    // No IPv6 in this network namespace: Go falls back to an IPv4 wildcard the same way.
    if (!(error instanceof ListenError) || error.errno !== 'EAFNOSUPPORT') throw error;
    return bind(server, target, '0.0.0.0');
  }
}

/** A failed listen, carrying the errno so callers can fall back. */
export class ListenError extends AddressError {
  constructor(message: string, readonly errno: string) {
    super(message);
    this.name = 'ListenError';
  }
}

function bind(server: Server, target: ListenTarget, host: string): Promise<BoundListener> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const code = error.code ?? 'EINVAL';
      const text = ERRNO_TEXT[code] ?? `bind: ${error.message}`;
      reject(new ListenError(`listen tcp ${target.errorAddress}: ${text}`, code));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const bound = server.address();
      if (bound === null || typeof bound === 'string') {
        reject(new ListenError(`listen tcp ${target.errorAddress}: unexpected listener address`, 'EINVAL'));
        return;
      }
      resolve({ server, address: formatBoundAddress(bound.address, bound.port) });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // exclusive: a proxy owns its port even if the process is clustered; ipv6Only false = dual-stack;
    // a deep backlog (capped by somaxconn) as Go uses, so bursts of connects are not refused.
    server.listen({ host, port: target.port, exclusive: true, ipv6Only: false, backlog: 4096 });
  });
}
