import type { Server, Socket } from 'node:net';
import { AddressError, displayListenTarget, resolveListenTarget } from '../net/address.js';
import { ListenError, listenTcp } from '../net/listen-tcp.js';
import type { HostResolver } from '../net/resolve-host.js';
import type { ReadTurns } from '../runtime/read-turns.js';
import type { TimerRegistry } from '../runtime/timers.js';
import { Connection } from './connection.js';
import { ToxicCollection } from './toxic-collection.js';

/** Services a proxy shares with the rest of the server. */
export interface ProxyEnv {
  readonly timers: TimerRegistry;
  /** Shares event-loop turns between every connection of the server. */
  readonly turns: ReadTurns;
  /** See `ProxyServerOptions.halfClose`. */
  readonly halfClose: boolean;
  readonly resolver: HostResolver;
  now(): number;
  random(): number;
  log(line: string): void;
}

/** The fields a proxy update may change. */
export interface ProxyUpdate {
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/** `start()` on a running proxy (ignored by `POST /reset`). */
export class ProxyAlreadyStartedError extends Error {
  constructor() {
    super('Proxy already started');
    this.name = 'ProxyAlreadyStartedError';
  }
}

/**
 * One named TCP proxy: a listener on `listen` forwarding to `upstream`, its toxics and its live
 * connections. `listen` shows the bound address once started (port 0 resolved); a proxy that
 * never started shows the address as given.
 */
export class Proxy {
  readonly toxics = new ToxicCollection();
  enabled = false;
  #listener: Server | undefined;
  readonly #connections = new Set<Connection>();

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
    private readonly env: ProxyEnv,
  ) {}

  /** Live connections (dialling ones included). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Open sockets of live connections. */
  get socketCount(): number {
    let sockets = 0;
    for (const connection of this.#connections) sockets += connection.openSockets;
    return sockets;
  }

  /** Bytes held in memory for live connections (socket buffers and toxic queues). */
  get bufferedBytes(): number {
    let bytes = 0;
    for (const connection of this.#connections) bytes += connection.bufferedBytes;
    return bytes;
  }

  /** Opens the listener. Fails with Go's `listen tcp …` message and leaves the proxy disabled. */
  async start(): Promise<void> {
    if (this.enabled) throw new ProxyAlreadyStartedError();
    let bound;
    try {
      bound = await listenTcp(await resolveListenTarget(this.listen), (socket) => this.#accept(socket));
    } catch (error) {
      if (error instanceof AddressError && !(error instanceof ListenError)) throw new AddressError(`listen tcp: ${error.message}`);
      throw error;
    }
    this.#listener = bound.server;
    this.listen = bound.address;
    this.enabled = true;
    this.env.log(`proxy ${this.name} listening on ${this.listen}, upstream ${this.upstream}`);
  }

  /** Closes the listener and every connection (both sides). Toxics stay. */
  stop(): void {
    if (!this.enabled) return;
    this.enabled = false;
    this.#listener?.close();
    this.#listener = undefined;
    for (const connection of [...this.#connections]) connection.destroy();
    this.env.log(`proxy ${this.name} stopped`);
  }

  /**
   * Applies an update: a different listen address (compared once resolved, so `localhost:X` equals
   * `127.0.0.1:X`) or upstream restarts the proxy, dropping its connections; then `enabled`.
   */
  async update(input: ProxyUpdate): Promise<void> {
    if (await this.differs(input.listen, input.upstream)) {
      this.stop();
      this.listen = input.listen;
      this.upstream = input.upstream;
    }
    if (input.enabled !== this.enabled) {
      if (input.enabled) await this.start();
      else this.stop();
    }
  }

  /** Toxiproxy's `Differs`: the resolved listen address or the upstream string changed. */
  async differs(listen: string, upstream: string): Promise<boolean> {
    const target = await resolveListenTarget(listen);
    return displayListenTarget(target) !== this.listen || upstream !== this.upstream;
  }

  #accept(socket: Socket): void {
    if (!this.enabled) {
      socket.destroy();
      return;
    }
    const connection = new Connection(socket, {
      upstream: this.upstream,
      halfClose: this.env.halfClose,
      resolver: this.env.resolver,
      toxics: this.toxics,
      turns: this.env.turns,
      setTimer: (delayMs, fn) => this.env.timers.set(delayMs, fn),
      now: () => this.env.now(),
      random: () => this.env.random(),
      log: (line) => this.env.log(`proxy ${this.name}: ${line}`),
      onClosed: (c) => this.#connections.delete(c),
    });
    this.#connections.add(connection);
    connection.dial();
  }
}
