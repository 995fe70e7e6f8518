import type { ProxyCollection } from '../core/proxy-collection.js';
import { parseDirection, type ToxicEntry } from '../core/toxic-entry.js';
import { apiErrors } from '../errors.js';
import { findToxicKind } from '../toxics/registry.js';
import type { Attributes } from '../toxics/toxic.js';
import { toxicAttributesBody, toxicUpdateBody, toxicWrapperBody } from './body-schemas.js';
import { decodeBody, parseBody } from './decode-body.js';
import { jsonReply, noContent, type Reply } from './reply.js';
import { toxicJson, toxicsJson } from './wire-json.js';

interface ToxicInput {
  name: string;
  type: string;
  stream: string;
  toxicity: number;
}

/** `GET /proxies/{proxy}/toxics`: upstream toxics first, then downstream. */
export function toxicIndex(collection: ProxyCollection, proxyName: string): Reply {
  return jsonReply(200, toxicsJson(collection.get(proxyName).toxics.list()));
}

/**
 * `POST /proxies/{proxy}/toxics`: 200 (not 201). Checks in Toxiproxy's order: body, stream,
 * default name `<type>_<stream>`, type, name clash (across both streams), attribute types.
 */
export function toxicCreate(collection: ProxyCollection, proxyName: string, body: Buffer): Reply {
  const proxy = collection.get(proxyName);
  const node = parseBody(body);
  const input = decodeBody<ToxicInput>(node, toxicWrapperBody, { name: '', type: '', stream: 'downstream', toxicity: 1 });
  const direction = parseDirection(input.stream);
  if (direction === undefined) throw apiErrors.invalidStream;
  const name = input.name === '' ? `${input.type}_${input.stream}` : input.name;
  const kind = findToxicKind(input.type);
  if (kind === undefined) throw apiErrors.invalidToxicType;
  if (proxy.toxics.find(name) !== undefined) throw apiErrors.toxicAlreadyExists;
  const zero: Attributes = Object.fromEntries(kind.attributes.fields.map((f) => [f.json, 0]));
  const { attributes } = decodeBody<{ attributes: Attributes }>(node, toxicAttributesBody(kind), { attributes: zero });
  const entry: ToxicEntry = { name, type: input.type, stream: input.stream, direction, kind, attributes, toxicity: input.toxicity };
  proxy.toxics.add(entry);
  return jsonReply(200, toxicJson(entry));
}

/** `GET /proxies/{proxy}/toxics/{toxic}` */
export function toxicShow(collection: ProxyCollection, proxyName: string, toxicName: string): Reply {
  return jsonReply(200, toxicJson(findToxic(collection, proxyName, toxicName)));
}

/** `POST|PATCH /proxies/{proxy}/toxics/{toxic}`: attributes merge, toxicity kept when omitted. */
export function toxicUpdate(collection: ProxyCollection, proxyName: string, toxicName: string, body: Buffer): Reply {
  const proxy = collection.get(proxyName);
  const toxic = findToxic(collection, proxyName, toxicName);
  const update = decodeBody(parseBody(body), toxicUpdateBody(toxic.kind), {
    attributes: { ...toxic.attributes },
    toxicity: toxic.toxicity,
  });
  proxy.toxics.update(toxic, update.attributes, update.toxicity);
  return jsonReply(200, toxicJson(toxic));
}

/** `DELETE /proxies/{proxy}/toxics/{toxic}`: 204. */
export function toxicDelete(collection: ProxyCollection, proxyName: string, toxicName: string): Reply {
  const proxy = collection.get(proxyName);
  proxy.toxics.remove(findToxic(collection, proxyName, toxicName));
  return noContent;
}

function findToxic(collection: ProxyCollection, proxyName: string, toxicName: string): ToxicEntry {
  const toxic = collection.get(proxyName).toxics.find(toxicName);
  if (toxic === undefined) throw apiErrors.toxicNotFound;
  return toxic;
}
