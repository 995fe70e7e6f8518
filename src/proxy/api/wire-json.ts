import type { Proxy } from '../core/proxy.js';
import type { ToxicEntry } from '../core/toxic-entry.js';
import { encodeGoFloat32, encodeGoInt, encodeGoString } from '../json/encode-go-json.js';

/**
 * The API's response bodies, byte-compatible with Toxiproxy 2.12 (field order included, and the
 * `"Logger":{}` its Go struct leaks into every proxy object).
 */

/** `{"attributes":{…},"name":…,"type":…,"stream":…,"toxicity":…}` */
export function toxicJson(toxic: ToxicEntry): string {
  const attributes = toxic.kind.attributes.fields
    .map((field) => `${encodeGoString(field.json)}:${encodeGoInt(toxic.attributes[field.json] ?? 0)}`)
    .join(',');
  return (
    `{"attributes":{${attributes}},"name":${encodeGoString(toxic.name)},"type":${encodeGoString(toxic.type)},` +
    `"stream":${encodeGoString(toxic.stream)},"toxicity":${encodeGoFloat32(toxic.toxicity)}}`
  );
}

/** A JSON array of toxics. */
export function toxicsJson(toxics: readonly ToxicEntry[]): string {
  return `[${toxics.map(toxicJson).join(',')}]`;
}

/** `{"name":…,"listen":…,"upstream":…,"enabled":…,"Logger":{},"toxics":[…]}` */
export function proxyJson(proxy: Proxy): string {
  return (
    `{"name":${encodeGoString(proxy.name)},"listen":${encodeGoString(proxy.listen)},` +
    `"upstream":${encodeGoString(proxy.upstream)},"enabled":${String(proxy.enabled)},"Logger":{},` +
    `"toxics":${toxicsJson(proxy.toxics.list())}}`
  );
}

/** `GET /proxies`: an object keyed by name, keys sorted. */
export function proxyIndexJson(proxies: readonly Proxy[]): string {
  return `{${proxies.map((p) => `${encodeGoString(p.name)}:${proxyJson(p)}`).join(',')}}`;
}

/** `{"error":…,"status":…}` */
export function apiErrorJson(message: string, status: number): string {
  return `{"error":${encodeGoString(message)},"status":${status}}`;
}

/**
 * `POST /populate` body: `{"proxies":[…]}`, or with the error fields first on failure. An empty
 * list is `null`, as Go marshals a nil slice.
 */
export function populateJson(proxies: readonly Proxy[], error?: { message: string; status: number }): string {
  const list = proxies.length === 0 ? 'null' : `[${proxies.map(proxyJson).join(',')}]`;
  const head = error === undefined ? '' : `"error":${encodeGoString(error.message)},"status":${error.status},`;
  return `{${head}"proxies":${list}}`;
}
