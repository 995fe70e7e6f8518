import { readFile } from 'node:fs/promises';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Resolves an upstream host name without getaddrinfo. `dns.lookup` runs getaddrinfo on libuv's
 * small thread pool; in containers a parallel A/AAAA lookup of a name that just vanished (a killed
 * container) can block a thread for seconds, and four such lookups stall every dial of every
 * proxy. Here: IP literals as they are, names from /etc/hosts, everything else through c-ares
 * (A first, then AAAA) with a short timeout. Answers are not cached: a name that stops resolving
 * (a killed container leaves DNS at once) must stop being dialled at once, or every dial in the
 * meantime hangs on an address nobody answers for.
 */
export class HostResolver {
  readonly #resolver = new Resolver({ timeout: 1000, tries: 2 });
  #hosts: Promise<Map<string, string>> | undefined;
  #hostsReadMs = 0;

  async resolve(host: string): Promise<string> {
    if (isIP(host) !== 0) return host;
    const name = host.toLowerCase();
    return (await this.#hostsFile()).get(name) ?? this.#query(name);
  }

  async #query(name: string): Promise<string> {
    try {
      const [address] = await this.#resolver.resolve4(name);
      if (address !== undefined) return address;
    } catch (error) {
      // No such name: done. Asking for AAAA too would only wait on resolvers further out (Docker's
      // embedded DNS forwards what it does not know, and without outside access that times out).
      if ((error as { code?: string }).code !== 'ENODATA') throw notFound(name, error);
    }
    const [address] = await this.#resolver.resolve6(name).catch((error: unknown) => {
      throw notFound(name, error);
    });
    if (address === undefined) throw notFound(name, undefined);
    return address;
  }

  /** /etc/hosts, re-read at most every 10 s. */
  #hostsFile(): Promise<Map<string, string>> {
    const now = Date.now();
    if (!this.#hosts || now - this.#hostsReadMs > 10_000) {
      this.#hostsReadMs = now;
      this.#hosts = readFile('/etc/hosts', 'utf8').then(parseHosts, () => new Map([['localhost', '127.0.0.1']]));
    }
    return this.#hosts;
  }
}

function parseHosts(text: string): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!address || isIP(address) === 0) continue;
    for (const name of names) if (!hosts.has(name.toLowerCase())) hosts.set(name.toLowerCase(), address);
  }
  if (!hosts.has('localhost')) hosts.set('localhost', '127.0.0.1');
  return hosts;
}

/** Go's wording for a name that does not resolve; other resolver failures keep their message. */
function notFound(name: string, error: unknown): Error {
  const code = (error as { code?: string } | undefined)?.code;
  if (error !== undefined && code !== 'ENOTFOUND' && code !== 'ENODATA') return error as Error;
  return Object.assign(new Error(`lookup ${name}: no such host`), { code: 'ENOTFOUND' });
}
