import { readFile } from 'node:fs/promises';
import { populateBody } from './api/body-schemas.js';
import type { PopulateEntry } from './core/populate.js';
import { ProxyServerError } from './errors.js';
import { decodeGoJson } from './json/decode-go-json.js';
import { parseGoJson } from './json/parse-go-json.js';

/**
 * One proxy of a Toxiproxy `-config` file or `POST /populate` body.
 *
 * @example { "name": "redis", "listen": "0.0.0.0:26379", "upstream": "redis:6379" }
 */
export interface ProxyConfigEntry {
  /** Unique proxy name. */
  readonly name: string;
  /** Address to listen on; `""` or omitted = a random port on every interface. */
  readonly listen?: string;
  /** `host:port` to forward to; dialled per connection. */
  readonly upstream: string;
  /** @default true */
  readonly enabled?: boolean | null;
}

/**
 * Reads a Toxiproxy `-config` file (the JSON array `/populate` takes), decoded with the same
 * rules as the API. A missing name or upstream fails naming the file and the entry.
 *
 * @throws ProxyServerError `PROXY_CONFIG_INVALID`
 */
export async function loadProxyConfig(path: string): Promise<ProxyConfigEntry[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ProxyServerError(`cannot read proxy config ${path}: ${(error as Error).message}`, 'PROXY_CONFIG_INVALID');
  }
  const parsed = parseGoJson(bytes);
  if (!parsed.ok) throw invalid(path, parsed.message);
  const decoded = decodeGoJson<PopulateEntry[] | null>(parsed.value, populateBody, null);
  if (decoded.error !== undefined) throw invalid(path, decoded.error);
  const entries = decoded.value ?? [];
  for (const [index, entry] of entries.entries()) {
    for (const field of ['name', 'upstream'] as const) {
      if (entry[field] === '') throw invalid(path, `proxy ${index + 1}: missing required field "${field}"`);
    }
  }
  return entries.map((entry) => ({ name: entry.name, listen: entry.listen, upstream: entry.upstream, enabled: entry.enabled ?? true }));
}

function invalid(path: string, detail: string): ProxyServerError {
  return new ProxyServerError(`invalid proxy config ${path}: ${detail}`, 'PROXY_CONFIG_INVALID', 'the file must be a JSON array like the body of POST /populate');
}
