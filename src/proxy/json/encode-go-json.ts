/**
 * Encoders that reproduce Go's `json.Marshal` output byte for byte for the values the API emits:
 * strings (HTML-safe escapes, `\u2028`), float32 (`toxicity`: shortest form that round-trips
 * through float32, so `0.2` and not `0.20000000298023224`) and integers.
 */

const SHORT_ESCAPES = new Map<number, string>([
  [0x22, '\\"'],
  [0x5c, '\\\\'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x3c, '\\u003c'],
  [0x3e, '\\u003e'],
  [0x26, '\\u0026'],
  [0x2028, '\\u2028'],
  [0x2029, '\\u2029'],
]);

/** A JSON string literal as Go writes it. */
export function encodeGoString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const short = SHORT_ESCAPES.get(code);
    if (short !== undefined) out += short;
    else if (code < 0x20) out += `\\u00${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code < 0xdc00 && isLowSurrogate(value.charCodeAt(i + 1))) {
      out += value[i] ?? '';
      out += value[i + 1] ?? '';
      i += 1;
    } else if (code >= 0xd800 && code < 0xe000) out += '\ufffd';
    else out += value[i] ?? '';
  }
  return `${out}"`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code < 0xe000;
}

/** A float32 as Go's encoder writes it (`strconv.FormatFloat(f, 'f'|'e', -1, 32)`). */
export function encodeGoFloat32(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === 0) return '0';
  const f = Math.fround(value);
  let shortest = String(f);
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) {
      shortest = String(candidate);
      break;
    }
  }
  // JS switches to exponent form below 1e-6 and from 1e21, Go's cut-offs too, and Go's encoder
  // trims `e-07` to `e-7`, so the spellings agree.
  return shortest;
}

/** An integer attribute. */
export function encodeGoInt(value: number): string {
  return Number.isFinite(value) ? String(Math.trunc(value)) : '0';
}
