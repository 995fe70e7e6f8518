import { connect, type Socket } from 'node:net';
import { parsePort, splitHostPort } from '../net/address.js';
import type { HostResolver } from '../net/resolve-host.js';
import type { TimerHandle } from '../runtime/timers.js';
import type { EndItem } from '../toxics/toxic.js';
import { CLOSE_FLUSH_TIMEOUT_MS, TCP_KEEPALIVE_MS, UPSTREAM_CONNECT_TIMEOUT_MS } from './limits.js';
import { Link, socketReadable, type LinkEnv } from './link.js';
import type { ToxicCollection } from './toxic-collection.js';

/** What a connection needs from its proxy. */
export interface ConnectionEnv extends Omit<LinkEnv, 'onEnd'> {
  readonly upstream: string;
  /** Pass a natural end on as a half-close instead of closing both sides (Toxiproxy). */
  readonly halfClose: boolean;
  readonly toxics: ToxicCollection;
  /** Shared by every connection of the server, so its cache serves them all. */
  readonly resolver: HostResolver;
  log(line: string): void;
  /** Both sockets are gone and every timer is cancelled. */
  onClosed(connection: Connection): void;
}

/**
 * One accepted client and its upstream. The upstream is dialled per connection, asynchronously
 * and with a deadline, so an unreachable upstream delays nobody else; if the dial fails the
 * client is closed (accept-then-close, as Toxiproxy). Once both sockets are open, bytes flow
 * through two {@link Link}s.
 *
 * Closing, as Toxiproxy: when one direction ends, its destination is closed and the other
 * direction winds down behind it (data already inside the proxy is still delivered). With
 * `halfClose`, an end that arrives naturally (`eof`) is passed on as a half-close instead, so a
 * client that shuts down its write side still gets the response. Connections opened while a
 * reset_peer toxic exists close with RST, both sides.
 */
export class Connection {
  #upstreamSocket: Socket | undefined;
  #links: Link[] = [];
  #connectTimer: TimerHandle | undefined;
  #flushTimers = new Map<Socket, TimerHandle>();
  #reset = false;
  #closed = false;

  constructor(
    readonly client: Socket,
    private readonly env: ConnectionEnv,
  ) {
    client.on('error', () => {});
    client.once('close', () => this.#onSocketClosed());
  }

  /** Sockets not yet destroyed (0–2). */
  get openSockets(): number {
    return [this.client, this.#upstreamSocket].filter((s) => s !== undefined && !s.destroyed).length;
  }

  /** Bytes of this connection in the proxy's memory (socket buffers and toxic queues). */
  get bufferedBytes(): number {
    if (this.#links.length === 0) return socketReadable(this.client);
    return this.#links.reduce((n, link) => n + link.bufferedBytes, 0);
  }

  /** Dials the upstream; data flows once it answers. */
  dial(): void {
    let host: string;
    let port: number;
    try {
      const parts = splitHostPort(this.env.upstream);
      host = parts.host === '' ? 'localhost' : parts.host;
      port = parsePort(parts.port);
    } catch (error) {
      this.#dialFailed(error);
      return;
    }
    this.#connectTimer = this.env.setTimer(UPSTREAM_CONNECT_TIMEOUT_MS, () => {
      this.#connectTimer = undefined;
      this.#dialFailed(new Error(`dial tcp ${this.env.upstream}: i/o timeout`));
    });
    this.env.resolver.resolve(host).then(
      (address) => {
        if (!this.#closed && !this.client.destroyed) this.#connect(address, port);
      },
      (error: unknown) => this.#dialFailed(error),
    );
  }

  #connect(address: string, port: number): void {
    const upstream = connect({ host: address, port, allowHalfOpen: true });
    this.#upstreamSocket = upstream;
    upstream.on('error', (error) => {
      if (upstream.connecting || this.#links.length === 0) this.#dialFailed(error);
    });
    upstream.once('close', () => this.#onSocketClosed());
    upstream.once('connect', () => {
      this.#connectTimer?.cancel();
      this.#connectTimer = undefined;
      if (this.#closed || this.client.destroyed) {
        upstream.destroy();
        return;
      }
      this.#open(upstream);
    });
  }

  /** Closes both sockets now (proxy disabled or deleted): FIN, or RST under reset_peer. */
  destroy(): void {
    for (const socket of [this.client, this.#upstreamSocket]) {
      if (socket === undefined) continue;
      if (this.#reset) resetSocket(socket);
      else socket.destroy();
    }
    this.#finish();
  }

  #open(upstream: Socket): void {
    const toxics = this.env.toxics;
    this.#reset = [...toxics.chain('upstream'), ...toxics.chain('downstream')].some((t) => t.kind.resetsPeer === true);
    for (const socket of [this.client, upstream]) {
      socket.setNoDelay(true);
      socket.setKeepAlive(true, TCP_KEEPALIVE_MS);
    }
    const linkEnv: LinkEnv = {
      turns: this.env.turns,
      setTimer: (delayMs, fn) => this.env.setTimer(delayMs, fn),
      now: () => this.env.now(),
      random: () => this.env.random(),
      onEnd: (link, reason) => this.#onLinkEnd(link, reason),
    };
    const up = new Link('upstream', this.client, upstream, toxics.chain('upstream'), linkEnv);
    const down = new Link('downstream', upstream, this.client, toxics.chain('downstream'), linkEnv);
    this.#links = [up, down];
    toxics.register(up);
    toxics.register(down);
    for (const link of this.#links) {
      link.source.on('data', (data: Buffer) => link.push(data, this.env.now()));
      link.source.once('end', () => link.end('eof'));
      link.source.once('close', () => link.end('close'));
    }
    this.client.resume();
  }

  #onLinkEnd(link: Link, reason: EndItem['reason']): void {
    const dest = link.dest;
    const other = this.#links.find((l) => l !== link);
    if (this.#reset) {
      resetSocket(dest);
      other?.end('close');
      return;
    }
    if (reason === 'eof' && this.env.halfClose) {
      // Half-close: the other direction keeps flowing until its own end.
      if (!dest.destroyed) dest.end();
    } else {
      other?.end('close');
      this.#closeGracefully(dest);
    }
    if (this.#links.every((l) => l.ended)) for (const link of this.#links) this.#closeGracefully(link.dest);
  }

  /** `end()` then destroy once flushed, or after a deadline if the peer never reads. */
  #closeGracefully(socket: Socket): void {
    if (socket.destroyed || this.#flushTimers.has(socket)) return;
    socket.end(() => socket.destroy());
    this.#flushTimers.set(
      socket,
      this.env.setTimer(CLOSE_FLUSH_TIMEOUT_MS, () => {
        this.#flushTimers.delete(socket);
        socket.destroy();
      }),
    );
  }

  #dialFailed(error: unknown): void {
    if (this.#closed) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.env.log(`proxy upstream ${this.env.upstream} unreachable (${reason}); closing client`);
    this.#upstreamSocket?.destroy();
    this.client.destroy();
    this.#finish();
  }

  #onSocketClosed(): void {
    const upstream = this.#upstreamSocket;
    for (const [socket, timer] of this.#flushTimers) {
      if (!socket.destroyed) continue;
      timer.cancel();
      this.#flushTimers.delete(socket);
    }
    if (this.#links.length === 0) {
      // Still dialling: a client that leaves aborts the dial.
      if (this.client.destroyed) {
        upstream?.destroy();
        this.#finish();
      }
      return;
    }
    if (this.client.destroyed && (upstream === undefined || upstream.destroyed)) this.#finish();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connectTimer?.cancel();
    this.#connectTimer = undefined;
    for (const timer of this.#flushTimers.values()) timer.cancel();
    this.#flushTimers.clear();
    for (const link of this.#links) {
      link.dispose();
      this.env.toxics.unregister(link);
    }
    this.env.onClosed(this);
  }
}

/** Closes with a TCP RST (`SO_LINGER 0` in Toxiproxy), where the socket still has a handle. */
function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
