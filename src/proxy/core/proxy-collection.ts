import { apiErrors } from '../errors.js';
import { Proxy, type ProxyEnv } from './proxy.js';

/** The fields that define a proxy, as in a create request or a populate entry. */
export interface ProxySpec {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
}

/** All proxies of a server, by name (Toxiproxy's `ProxyCollection`). */
export class ProxyCollection {
  readonly #proxies = new Map<string, Proxy>();

  constructor(private readonly env: ProxyEnv) {}

  get size(): number {
    return this.#proxies.size;
  }

  /** Proxies sorted by name (Go encodes its map with sorted keys). */
  list(): Proxy[] {
    return [...this.#proxies.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }

  /** @throws ApiError 404 `proxy not found` */
  get(name: string): Proxy {
    const proxy = this.#proxies.get(name);
    if (proxy === undefined) throw apiErrors.proxyNotFound;
    return proxy;
  }

  /** Creates a proxy; a proxy that should be enabled but cannot listen is not added. */
  async add(spec: ProxySpec): Promise<Proxy> {
    if (this.#proxies.has(spec.name)) throw apiErrors.proxyAlreadyExists;
    const proxy = new Proxy(spec.name, spec.listen, spec.upstream, this.env);
    if (spec.enabled) await proxy.start();
    this.#proxies.set(spec.name, proxy);
    return proxy;
  }

  /**
   * Populate's `AddOrReplace`: an existing proxy with the same (resolved) listen and upstream is
   * kept untouched, toxics and enabled flag included; a different one is stopped and replaced by
   * a fresh proxy.
   */
  async addOrReplace(spec: ProxySpec): Promise<Proxy> {
    const existing = this.#proxies.get(spec.name);
    if (existing !== undefined) {
      if (!(await existing.differs(spec.listen, spec.upstream))) return existing;
      existing.stop();
    }
    const proxy = new Proxy(spec.name, spec.listen, spec.upstream, this.env);
    if (spec.enabled) await proxy.start();
    this.#proxies.set(spec.name, proxy);
    return proxy;
  }

  /** @throws ApiError 404 `proxy not found` */
  remove(name: string): void {
    const proxy = this.get(name);
    proxy.stop();
    this.#proxies.delete(name);
  }

  /** Stops and forgets every proxy. */
  clear(): void {
    for (const proxy of this.#proxies.values()) proxy.stop();
    this.#proxies.clear();
  }
}
