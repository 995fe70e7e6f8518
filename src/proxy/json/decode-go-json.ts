import type { JsonNode } from './json-node.js';
import { goTypeName, type GoStruct, type GoType } from './go-types.js';

/** A decoded JSON object: only the keys the struct knows, by their JSON names. */
export type DecodedStruct = Record<string, unknown>;

/** The outcome of decoding: the value, and Go's first `UnmarshalTypeError` message if any. */
export interface DecodeResult<T> {
  readonly value: T;
  readonly error?: string;
}

interface ErrorContext {
  readonly struct: string;
  readonly fields: readonly string[];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Decodes `node` into `type` starting from `current` (so defaults survive absent keys), with
 * `encoding/json` rules: keys match exactly or case-insensitively, unknown keys are ignored,
 * `null` leaves a value alone, the first type mismatch is reported (decoding goes on) as
 * `json: cannot unmarshal number 100.5 into Go struct field LatencyToxic.attributes.latency of type int64`.
 */
export function decodeGoJson<T>(node: JsonNode, type: GoType, current: T): DecodeResult<T> {
  const state: { error?: string } = {};
  const value = decodeValue(node, type, current, undefined, state) as T;
  return state.error === undefined ? { value } : { value, error: state.error };
}

function decodeValue(node: JsonNode, type: GoType, current: unknown, ctx: ErrorContext | undefined, state: { error?: string }): unknown {
  const fail = (word: string): unknown => {
    state.error ??= typeError(word, type, ctx);
    return current;
  };
  if (node.kind === 'null') return type.kind === 'nullableBool' || type.kind === 'slice' ? null : current;
  switch (type.kind) {
    case 'string':
      return node.kind === 'string' ? node.value : fail(node.kind);
    case 'bool':
    case 'nullableBool':
      return node.kind === 'bool' ? node.value : fail(node.kind);
    case 'int': {
      if (node.kind !== 'number') return fail(node.kind);
      const parsed = parseGoInt(node.raw);
      return parsed === undefined ? fail(`number ${node.raw}`) : parsed;
    }
    case 'float32': {
      if (node.kind !== 'number') return fail(node.kind);
      const parsed = Math.fround(Number(node.raw));
      return Number.isFinite(parsed) ? parsed : fail(`number ${node.raw}`);
    }
    case 'opaque':
      return node.kind === 'object' ? current : fail(node.kind);
    case 'slice': {
      if (node.kind !== 'array') return fail(node.kind);
      return node.items.map((item) => decodeValue(item, type.elem, defaultFor(type.elem), ctx, state));
    }
    case 'struct':
      if (node.kind !== 'object') return fail(node.kind);
      return decodeStruct(node.entries, type, current, ctx, state);
  }
}

function decodeStruct(
  entries: readonly (readonly [string, JsonNode])[],
  type: GoStruct,
  current: unknown,
  ctx: ErrorContext | undefined,
  state: { error?: string },
): DecodedStruct {
  const out: DecodedStruct = { ...(typeof current === 'object' && current !== null ? current : {}) };
  for (const [key, value] of entries) {
    const field = type.fields.find((f) => f.json === key) ?? type.fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (field === undefined) continue;
    const fieldCtx: ErrorContext = { struct: type.shortName, fields: [...(ctx?.fields ?? []), field.json] };
    out[field.json] = decodeValue(value, field.type, out[field.json], fieldCtx, state);
  }
  return out;
}

/** Go's zero value of a type (a new slice element starts from it). */
function defaultFor(type: GoType): unknown {
  switch (type.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
    case 'float32':
      return 0;
    case 'nullableBool':
    case 'slice':
      return null;
    case 'opaque':
      return undefined;
    case 'struct':
      return Object.fromEntries(type.fields.map((f) => [f.json, defaultFor(f.type)]));
  }
}

/** `strconv.ParseInt(raw, 10, 64)`: plain decimal integers in int64 range only. */
function parseGoInt(raw: string): number | undefined {
  if (!/^-?\d+$/.test(raw)) return undefined;
  const big = BigInt(raw);
  if (big < INT64_MIN || big > INT64_MAX) return undefined;
  return Number(big);
}

function typeError(word: string, type: GoType, ctx: ErrorContext | undefined): string {
  const target = goTypeName(type);
  if (ctx === undefined) return `json: cannot unmarshal ${word} into Go value of type ${target}`;
  return `json: cannot unmarshal ${word} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${target}`;
}
