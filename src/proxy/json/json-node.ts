/**
 * A parsed JSON document that keeps what Go's decoder needs and `JSON.parse` loses: the raw text
 * of numbers (so `100.5` or `1e3` can be rejected for an integer field with Go's exact message)
 * and the order of object keys.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: (readonly [string, JsonNode])[] }
  | { readonly kind: 'array'; readonly items: JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly raw: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' };

