import { lookup } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';

/** An address problem, worded like Go's `net` package so API errors match Toxiproxy's. */
export class AddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressError';
  }
}

/** `net.SplitHostPort` with Go's error messages. */
export function splitHostPort(hostport: string): { host: string; port: string } {
  const fail = (why: string): never => {
    throw new AddressError(`address ${hostport}: ${why}`);
  };
  const i = hostport.lastIndexOf(':');
  if (i < 0) return fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== i) return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { host, port: hostport.slice(i + 1) };
}

const KNOWN_SERVICES: Readonly<Record<string, number>> = { http: 80, https: 443, ssh: 22, ftp: 21, smtp: 25, domain: 53 };

/** Go's `LookupPort` for TCP: decimal (optionally signed), empty = 0, or a well-known service name. */
export function parsePort(port: string): number {
  if (port === '') return 0;
  const match = /^([+-]?)(\d+)$/.exec(port);
  if (match === null) {
    const known = KNOWN_SERVICES[port.toLowerCase()];
    if (known === undefined) throw new AddressError(`lookup tcp/${port}: unknown port`);
    return known;
  }
  const value = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  if (!(value >= 0 && value <= 65_535)) throw new AddressError(`address ${port}: invalid port`);
  return value;
}

/** Go's `JoinHostPort`: brackets around IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Where a proxy listener binds, and how Go would name the address in an error. */
export interface ListenTarget {
  /** `undefined` = all interfaces, dual-stack when IPv6 is available (Go's wildcard listen). */
  readonly ip: string | undefined;
  readonly port: number;
  /** The address as Go prints it in `listen tcp <addr>: bind: …`. */
  readonly errorAddress: string;
}

/**
 * Resolves a Toxiproxy `listen` string as Go's `net.Listen("tcp", …)` does: `""` and `:X` and the
 * IPv4/IPv6 wildcards listen on every interface, host names resolve to their first IPv4 address
 * (`localhost` → `127.0.0.1`).
 */
export async function resolveListenTarget(listen: string): Promise<ListenTarget> {
  if (listen === '') return { ip: undefined, port: 0, errorAddress: ':0' };
  const { host, port: portText } = splitHostPort(listen);
  const port = parsePort(portText);
  if (host === '') return { ip: undefined, port, errorAddress: `:${port}` };
  const ip = await resolveHost(host);
  const wildcard = ip === '0.0.0.0' || ip === '::';
  return { ip: wildcard ? undefined : ip, port, errorAddress: joinHostPort(ip, port) };
}

/** The `listen` string Toxiproxy would show once bound to `target` (port 0 stays 0 here). */
export function displayListenTarget(target: ListenTarget): string {
  return target.ip === undefined ? `[::]:${target.port}` : joinHostPort(target.ip, target.port);
}

/** Formats a bound socket address the way Go's `TCPAddr.String()` does. */
export function formatBoundAddress(address: string, port: number): string {
  return joinHostPort(stripMappedPrefix(address), port);
}

async function resolveHost(host: string): Promise<string> {
  if (isIPv4(host)) {
    // Go's ParseIP rejects octets with leading zeros; they would be looked up as a name and fail.
    if (host.split('.').some((octet) => octet.length > 1 && octet.startsWith('0'))) throw noSuchHost(host);
    return host;
  }
  if (isIPv6(host)) return stripMappedPrefix(host.toLowerCase());
  if (host.toLowerCase() === 'localhost') return '127.0.0.1';
  try {
    const addresses = await lookup(host, { all: true });
    const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
    if (chosen === undefined) throw noSuchHost(host);
    return chosen.address;
  } catch (error) {
    if (error instanceof AddressError) throw error;
    throw noSuchHost(host);
  }
}

function noSuchHost(host: string): AddressError {
  return new AddressError(`lookup ${host}: no such host`);
}

function stripMappedPrefix(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}
