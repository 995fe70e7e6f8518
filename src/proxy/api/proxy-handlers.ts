import type { Proxy } from '../core/proxy.js';
import type { ProxyCollection } from '../core/proxy-collection.js';
import { ProxyAlreadyStartedError } from '../core/proxy.js';
import { populate, type PopulateEntry } from '../core/populate.js';
import { apiErrors, ApiError } from '../errors.js';
import { populateBody, proxyBody } from './body-schemas.js';
import { decodeBody, parseBody } from './decode-body.js';
import { jsonReply, noContent, type Reply } from './reply.js';
import { populateJson, proxyIndexJson, proxyJson } from './wire-json.js';

interface ProxyInput {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
}

/** `GET /proxies` */
export function proxyIndex(collection: ProxyCollection): Reply {
  return jsonReply(200, proxyIndexJson(collection.list()));
}

/** `POST /proxies`: 201; `enabled` defaults to true, `listen` may be empty (random port). */
export async function proxyCreate(collection: ProxyCollection, body: Buffer): Promise<Reply> {
  const input = decodeBody<ProxyInput>(parseBody(body), proxyBody, { name: '', listen: '', upstream: '', enabled: true });
  if (input.name === '') throw apiErrors.missingField.withDetail('name');
  if (input.upstream === '') throw apiErrors.missingField.withDetail('upstream');
  const proxy = await collection.add(input);
  return jsonReply(201, proxyJson(proxy));
}

/** `GET /proxies/{proxy}` */
export function proxyShow(collection: ProxyCollection, name: string): Reply {
  return jsonReply(200, proxyJson(collection.get(name)));
}

/** `POST|PATCH /proxies/{proxy}`: a partial update over the current listen, upstream, enabled. */
export async function proxyUpdate(collection: ProxyCollection, name: string, body: Buffer): Promise<Reply> {
  const proxy = collection.get(name);
  const defaults: ProxyInput = { name: proxy.name, listen: proxy.listen, upstream: proxy.upstream, enabled: proxy.enabled };
  const input = decodeBody(parseBody(body), proxyBody, defaults);
  await proxy.update(input);
  return jsonReply(200, proxyJson(proxy));
}

/** `DELETE /proxies/{proxy}`: 204; closes the listener and every connection. */
export function proxyDelete(collection: ProxyCollection, name: string): Reply {
  collection.remove(name);
  return noContent;
}

/**
 * `POST /populate`: 201 `{"proxies":[…]}`. Unlike every other endpoint, errors are sent as
 * `application/json` and carry the `proxies` field (null when nothing was done).
 */
export async function populateProxies(collection: ProxyCollection, body: Buffer): Promise<Reply> {
  let entries: PopulateEntry[];
  try {
    entries = decodeBody<PopulateEntry[] | null>(parseBody(body), populateBody, null) ?? [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return jsonReply(error.status, populateJson([], error));
  }
  const outcome = await populate(collection, entries);
  if (outcome.error !== undefined) return jsonReply(outcome.error.status, populateJson(outcome.proxies, outcome.error));
  return jsonReply(201, populateJson(outcome.proxies));
}

/** `POST /reset`: enables every proxy and removes every toxic; connections stay up. */
export async function resetState(collection: ProxyCollection): Promise<Reply> {
  for (const proxy of collection.list()) {
    await startUnlessRunning(proxy);
    proxy.toxics.removeAll();
  }
  return noContent;
}

async function startUnlessRunning(proxy: Proxy): Promise<void> {
  try {
    await proxy.start();
  } catch (error) {
    if (!(error instanceof ProxyAlreadyStartedError)) throw error;
  }
}

/** `GET /version`: literally `{"version": "<ver>"}\n` (with the space), charset included. */
export function version(versionString: string): Reply {
  return { status: 200, contentType: 'application/json;charset=utf-8', body: `{"version": "${versionString}"}\n` };
}
