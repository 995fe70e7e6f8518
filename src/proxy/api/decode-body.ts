import { apiErrors } from '../errors.js';
import { decodeGoJson } from '../json/decode-go-json.js';
import type { GoType } from '../json/go-types.js';
import type { JsonNode } from '../json/json-node.js';
import { parseGoJson } from '../json/parse-go-json.js';

/** Parses a request body as Go would; a syntax error is `400 bad request body: <go message>`. */
export function parseBody(body: Uint8Array): JsonNode {
  const parsed = parseGoJson(body);
  if (!parsed.ok) throw apiErrors.badRequestBody.withDetail(parsed.message);
  return parsed.value;
}

/** Decodes a parsed body over defaults; a type error is `400 bad request body: json: cannot unmarshal …`. */
export function decodeBody<T>(node: JsonNode, type: GoType, defaults: T): T {
  const decoded = decodeGoJson(node, type, defaults);
  if (decoded.error !== undefined) throw apiErrors.badRequestBody.withDetail(decoded.error);
  return decoded.value;
}
