import { HostResolver } from './net/resolve-host.js';
import type { AddressInfo } from 'node:net';
import { createApiServer } from './api/api-server.js';
import type { ProxyConfigEntry } from './config.js';
import { populate } from './core/populate.js';
import { ProxyCollection } from './core/proxy-collection.js';
import { ProxyServerError } from './errors.js';
import { joinHostPort } from './net/address.js';
import { ReadTurns } from './runtime/read-turns.js';
import { TimerRegistry } from './runtime/timers.js';
import { READ_CHUNK_BYTES, TURN_BUDGET_BYTES } from './core/limits.js';

/** The version `/version` reports unless told otherwise: Toxiproxy's API level, and who serves it. */
export const DEFAULT_PROXY_VERSION = '2.12.0-faultline';

/** Options of {@link startProxyServer}. */
export interface ProxyServerOptions {
  /** Interface the HTTP API listens on. @default '127.0.0.1' */
  readonly host?: string;
  /** API port; 0 picks a free one (read it back from `port`/`url`). @default 8474 */
  readonly port?: number;
  /** Proxies to create before the API opens (same format as `-config` / `POST /populate`). */
  readonly config?: readonly ProxyConfigEntry[];
  /** Reported by `GET /version`. @default DEFAULT_PROXY_VERSION */
  readonly version?: string;
  /** Receives one line per lifecycle event (proxy started/stopped, upstream unreachable). */
  readonly log?: (line: string) => void;
  /**
   * Source of randomness in [0, 1) for toxicity and jitter draws; pass a seeded one for
   * reproducible tests. @default Math.random
   */
  readonly random?: () => number;
  /**
   * Pass a TCP half-close through (a client's `shutdown(SHUT_WR)` reaches the upstream as a FIN
   * while the response still flows back). Off by default: like Toxiproxy, the end of either
   * direction closes the whole connection. @default false
   */
  readonly halfClose?: boolean;
}

/** Live counters, for tests and health checks. */
export interface ProxyServerStats {
  /** Proxies defined. */
  readonly proxies: number;
  /** Proxies listening. */
  readonly enabledProxies: number;
  /** Client connections being proxied (or dialling their upstream). */
  readonly connections: number;
  /** Open sockets of those connections (client and upstream sides). */
  readonly sockets: number;
  /** Timers pending (toxic delays, dial deadlines, close deadlines). */
  readonly timers: number;
  /**
   * Bytes of proxied traffic held in the proxy's memory: read from a socket and not yet passed
   * to the kernel on the other side (socket read and write buffers, toxic queues). Kernel socket
   * buffers are not included.
   */
  readonly bufferedBytes: number;
}

/** A running server. `close()` (or `await using`) stops every proxy and the API. */
export interface StartedProxyServer extends AsyncDisposable {
  /** `http://host:port` of the API (a wildcard host is reported as 127.0.0.1). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly version: string;
  stats(): ProxyServerStats;
  /** Closes listeners, destroys every connection, cancels every timer. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a Toxiproxy-compatible server: the HTTP API of Toxiproxy 2.12 (any Toxiproxy client
 * drives it) and the TCP proxies it manages.
 *
 * @throws ProxyServerError `PROXY_POPULATE_FAILED` if `config` cannot be applied,
 *   `PROXY_API_LISTEN_FAILED` if the API port cannot be bound.
 */
export async function startProxyServer(options: ProxyServerOptions = {}): Promise<StartedProxyServer> {
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? DEFAULT_PROXY_VERSION;
  const log = options.log ?? (() => {});
  const timers = new TimerRegistry();
  const collection = new ProxyCollection({
    timers,
    turns: new ReadTurns(TURN_BUDGET_BYTES, READ_CHUNK_BYTES),
    halfClose: options.halfClose ?? false,
    resolver: new HostResolver(),
    now: () => performance.now(),
    random: options.random ?? Math.random,
    log,
  });

  if (options.config !== undefined) {
    const entries = options.config.map((e) => ({ name: e.name, listen: e.listen ?? '', upstream: e.upstream, enabled: e.enabled ?? true }));
    const outcome = await populate(collection, entries);
    if (outcome.error !== undefined) {
      collection.clear();
      throw new ProxyServerError(`cannot create the configured proxies: ${outcome.error.message}`, 'PROXY_POPULATE_FAILED');
    }
    log(`populated ${outcome.proxies.length} proxies from config`);
  }

  const http = createApiServer({ collection, version });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen({ host, port: options.port ?? 8474 }, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    collection.clear();
    timers.clearAll();
    throw new ProxyServerError(`cannot listen on ${joinHostPort(host, options.port ?? 8474)}: ${(error as Error).message}`, 'PROXY_API_LISTEN_FAILED');
  }
  const port = (http.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  log(`faultline proxy API listening on ${joinHostPort(host, port)}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      collection.clear();
      timers.clearAll();
      http.close(() => resolve());
      http.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://${joinHostPort(urlHost, port)}`,
    host,
    port,
    version,
    stats: () => {
      const proxies = collection.list();
      return {
        proxies: proxies.length,
        enabledProxies: proxies.filter((p) => p.enabled).length,
        connections: proxies.reduce((n, p) => n + p.connectionCount, 0),
        sockets: proxies.reduce((n, p) => n + p.socketCount, 0),
        timers: timers.active,
        bufferedBytes: proxies.reduce((n, p) => n + p.bufferedBytes, 0),
      };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
