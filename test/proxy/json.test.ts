import { describe, expect, test } from 'vitest';
import { decodeGoJson } from '../../src/proxy/json/decode-go-json.js';
import { encodeGoFloat32, encodeGoString } from '../../src/proxy/json/encode-go-json.js';
import { goInt64, type GoStruct } from '../../src/proxy/json/go-types.js';
import { parseGoJson } from '../../src/proxy/json/parse-go-json.js';

function syntaxError(text: string): string | undefined {
  const result = parseGoJson(Buffer.from(text));
  return result.ok ? undefined : result.message;
}

describe('Go-compatible JSON', () => {
  test('should report syntax errors with encoding/json messages', () => {
    expect(syntaxError('')).toBe('EOF');
    expect(syntaxError('{')).toBe('unexpected EOF');
    expect(syntaxError('[1,')).toBe('unexpected EOF');
    expect(syntaxError('{"a":"\\x"}')).toBe("invalid character 'x' in string escape code");
    expect(syntaxError('{"a":"\\u12g4"}')).toBe("invalid character 'g' in \\u hexadecimal character escape");
    expect(syntaxError('{"a":"line\nbreak"}')).toBe("invalid character '\\n' in string literal");
    expect(syntaxError('[1 2]')).toBe("invalid character '2' after array element");
    expect(syntaxError('{"a":-}')).toBe("invalid character '}' in numeric literal");
    expect(syntaxError('{"a":1e}')).toBe("invalid character '}' in exponent of numeric literal");
    expect(syntaxError("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(syntaxError('{"a":fals}')).toBe("invalid character '}' in literal false (expecting 'e')");
    expect(syntaxError('12x')).toBe("invalid character 'x' after top-level value");
    expect(syntaxError('{"a":1} trailing garbage')).toBeUndefined();
    expect(syntaxError('['.repeat(10_001))).toBe('exceeded max depth');
  });

  test('should decode strings with escapes and surrogates', () => {
    const parsed = parseGoJson(Buffer.from('"a\\u00e9\\ud83d\\ude00\\n\\ud800x"'));
    expect(parsed.ok && parsed.value.kind === 'string' ? parsed.value.value : '').toBe('aé😀\n\ufffdx');
  });

  test('should decode over defaults with case-insensitive keys and the first type error', () => {
    const type: GoStruct = { kind: 'struct', name: 'toxics.LatencyToxic', shortName: 'LatencyToxic', fields: [{ json: 'latency', type: goInt64 }, { json: 'jitter', type: goInt64 }] };
    const parsed = parseGoJson(Buffer.from('{"LATENCY":5,"jitter":null,"other":true}'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(decodeGoJson(parsed.value, type, { latency: 1, jitter: 2 })).toEqual({ value: { latency: 5, jitter: 2 } });
    const bad = parseGoJson(Buffer.from('{"latency":"x","jitter":1.5}'));
    if (!bad.ok) throw new Error(bad.message);
    expect(decodeGoJson(bad.value, type, { latency: 0, jitter: 0 }).error).toBe(
      'json: cannot unmarshal string into Go struct field LatencyToxic.latency of type int64',
    );
  });

  test('should encode like json.Marshal', () => {
    expect(encodeGoString('a<b>&c\u2028\u0001\b\f\t"\\')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u0001\\b\\f\\t\\"\\\\"');
    expect(encodeGoFloat32(Math.fround(0.1))).toBe('0.1');
    expect(encodeGoFloat32(1)).toBe('1');
    expect(encodeGoFloat32(Math.fround(1e-7))).toBe('1e-7');
    expect(encodeGoFloat32(Math.fround(1e21))).toBe('1e+21');
    expect(encodeGoFloat32(Math.fround(123456789))).toBe('123456790');
  });
});
