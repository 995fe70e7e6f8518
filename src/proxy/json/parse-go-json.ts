import type { JsonNode } from './json-node.js';

/** Either the document or the exact message Go's `json.Decoder.Decode` would return. */
export type ParseResult = { readonly ok: true; readonly value: JsonNode } | { readonly ok: false; readonly message: string };

/** Go's `maxNestingDepth`. */
const MAX_DEPTH = 10_000;

class SyntaxFailure {
  constructor(readonly message: string) {}
}

type Container =
  | { kind: 'object'; entries: (readonly [string, JsonNode])[]; key: string }
  | { kind: 'array'; items: JsonNode[] };

type Expect = 'value' | 'arrayFirst' | 'objectFirst' | 'key' | 'colon' | 'afterValue';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Parses the first JSON value of a request body the way Go's `json.NewDecoder(body).Decode(&v)`
 * scans it, so error messages match Toxiproxy byte for byte: `EOF` for an empty body,
 * `unexpected EOF` for a truncated one, `invalid character 'x' looking for beginning of value`
 * and friends for syntax errors. Bytes after a complete object or array are ignored, as Go does.
 * Iterative (explicit stack) so that deep nesting cannot overflow the JS stack.
 */
export function parseGoJson(bytes: Uint8Array): ParseResult {
  try {
    return { ok: true, value: new Parser(bytes).parse() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, message: error.message };
    throw error;
  }
}

class Parser {
  #pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  parse(): JsonNode {
    this.#skipSpace();
    if (this.#pos >= this.bytes.length) throw new SyntaxFailure('EOF');
    const stack: Container[] = [];
    let expect: Expect = 'value';
    for (;;) {
      this.#skipSpace();
      const c = this.bytes[this.#pos];
      if (c === undefined) throw new SyntaxFailure('unexpected EOF');
      const top = stack[stack.length - 1];
      let node: JsonNode | undefined;
      switch (expect) {
        case 'objectFirst':
        case 'key': {
          if (expect === 'objectFirst' && c === 0x7d /* } */) {
            this.#pos += 1;
            node = this.#close(stack);
            break;
          }
          if (c !== 0x22) throw invalid(c, 'looking for beginning of object key string');
          (top as Extract<Container, { kind: 'object' }>).key = this.#string();
          expect = 'colon';
          continue;
        }
        case 'colon':
          if (c !== 0x3a) throw invalid(c, 'after object key');
          this.#pos += 1;
          expect = 'value';
          continue;
        case 'arrayFirst':
          if (c === 0x5d /* ] */) {
            this.#pos += 1;
            node = this.#close(stack);
            break;
          }
          expect = 'value';
          continue;
        case 'afterValue': {
          if (top === undefined) throw new Error('unreachable: value after the root');
          if (c === 0x2c /* , */) {
            this.#pos += 1;
            expect = top.kind === 'object' ? 'key' : 'value';
            continue;
          }
          const closer = top.kind === 'object' ? 0x7d : 0x5d;
          if (c !== closer) throw invalid(c, top.kind === 'object' ? 'after object key:value pair' : 'after array element');
          this.#pos += 1;
          node = this.#close(stack);
          break;
        }
        case 'value': {
          if (c === 0x7b || c === 0x5b) {
            if (stack.length >= MAX_DEPTH) throw new SyntaxFailure('exceeded max depth');
            this.#pos += 1;
            stack.push(c === 0x7b ? { kind: 'object', entries: [], key: '' } : { kind: 'array', items: [] });
            expect = c === 0x7b ? 'objectFirst' : 'arrayFirst';
            continue;
          }
          node = this.#scalar(c, stack.length === 0);
          break;
        }
      }
      if (node === undefined) continue;
      const parent = stack[stack.length - 1];
      if (parent === undefined) return node;
      if (parent.kind === 'object') parent.entries.push([parent.key, node]);
      else parent.items.push(node);
      expect = 'afterValue';
    }
  }

  #close(stack: Container[]): JsonNode | undefined {
    const done = stack.pop();
    if (done === undefined) throw new Error('unreachable: close without container');
    const node: JsonNode = done.kind === 'object' ? { kind: 'object', entries: done.entries } : { kind: 'array', items: done.items };
    return node;
  }

  #scalar(c: number, atRoot: boolean): JsonNode {
    let node: JsonNode;
    if (c === 0x22) node = { kind: 'string', value: this.#string() };
    else if (c === 0x2d || isDigit(c)) node = { kind: 'number', raw: this.#number(atRoot) };
    else if (c === 0x74) node = this.#literal('true', { kind: 'bool', value: true });
    else if (c === 0x66) node = this.#literal('false', { kind: 'bool', value: false });
    else if (c === 0x6e) node = this.#literal('null', { kind: 'null' });
    else throw invalid(c, 'looking for beginning of value');
    if (atRoot) {
      // Go's decoder only learns that a top-level scalar ended from the byte after it.
      const next = this.bytes[this.#pos];
      if (next !== undefined && !isSpace(next)) throw invalid(next, 'after top-level value');
    }
    return node;
  }

  #literal(word: string, node: JsonNode): JsonNode {
    for (let i = 1; i < word.length; i += 1) {
      const c = this.bytes[this.#pos + i];
      if (c === undefined) throw new SyntaxFailure('unexpected EOF');
      if (c !== word.charCodeAt(i)) throw invalid(c, `in literal ${word} (expecting '${word[i] ?? ''}')`);
    }
    this.#pos += word.length;
    return node;
  }

  #number(atRoot: boolean): string {
    const start = this.#pos;
    const b = this.bytes;
    let i = this.#pos;
    const endOrFail = (complete: boolean, message: string): never | number => {
      const c = b[i];
      if (c === undefined) {
        if (complete && atRoot) return i;
        throw new SyntaxFailure('unexpected EOF');
      }
      if (complete) return i;
      throw invalid(c, message);
    };
    if (b[i] === 0x2d) {
      i += 1;
      const c = b[i];
      if (c === undefined || !isDigit(c)) return this.#finish(start, endOrFail(false, 'in numeric literal'));
    }
    if (b[i] === 0x30) i += 1;
    else while (isDigit(b[i])) i += 1;
    if (b[i] === 0x2e) {
      i += 1;
      if (!isDigit(b[i])) return this.#finish(start, endOrFail(false, 'after decimal point in numeric literal'));
      while (isDigit(b[i])) i += 1;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i += 1;
      if (b[i] === 0x2b || b[i] === 0x2d) i += 1;
      if (!isDigit(b[i])) return this.#finish(start, endOrFail(false, 'in exponent of numeric literal'));
      while (isDigit(b[i])) i += 1;
    }
    return this.#finish(start, endOrFail(true, ''));
  }

  #finish(start: number, end: number): string {
    this.#pos = end;
    return Buffer.from(this.bytes.subarray(start, end)).toString('latin1');
  }

  #string(): string {
    const b = this.bytes;
    let i = this.#pos + 1;
    let out = '';
    let runStart = i;
    for (;;) {
      const c = b[i];
      if (c === undefined) throw new SyntaxFailure('unexpected EOF');
      if (c === 0x22) {
        out += utf8.decode(b.subarray(runStart, i));
        this.#pos = i + 1;
        return out;
      }
      if (c < 0x20) throw invalid(c, 'in string literal');
      if (c !== 0x5c) {
        i += 1;
        continue;
      }
      out += utf8.decode(b.subarray(runStart, i));
      const e = b[i + 1];
      if (e === undefined) throw new SyntaxFailure('unexpected EOF');
      const simple = SIMPLE_ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 0x75) {
        const unit = this.#hex4(i + 2);
        i += 6;
        if (unit >= 0xd800 && unit < 0xdc00 && b[i] === 0x5c && b[i + 1] === 0x75) {
          const low = this.#hex4(i + 2);
          if (low >= 0xdc00 && low < 0xe000) {
            out += String.fromCharCode(unit, low);
            i += 6;
          } else {
            out += '\ufffd';
          }
        } else {
          out += unit >= 0xd800 && unit < 0xe000 ? '\ufffd' : String.fromCharCode(unit);
        }
      } else {
        throw invalid(e, 'in string escape code');
      }
      runStart = i;
    }
  }

  #hex4(at: number): number {
    let value = 0;
    for (let k = 0; k < 4; k += 1) {
      const c = this.bytes[at + k];
      if (c === undefined) throw new SyntaxFailure('unexpected EOF');
      const digit = hexValue(c);
      if (digit < 0) throw invalid(c, 'in \\u hexadecimal character escape');
      value = value * 16 + digit;
    }
    return value;
  }

  #skipSpace(): void {
    while (isSpace(this.bytes[this.#pos])) this.#pos += 1;
  }
}

const SIMPLE_ESCAPES = new Map<number, string>([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number | undefined): c is number {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function invalid(c: number, context: string): SyntaxFailure {
  return new SyntaxFailure(`invalid character ${quoteChar(c)} ${context}`);
}

/** Go's `encoding/json.quoteChar`: the byte as a Go-quoted rune between single quotes. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuoteRune(c)}'`;
}

const NAMED_ESCAPES = new Map<number, string>([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
  [0x5c, '\\\\'],
]);

/** `strconv.Quote(string(rune(c)))` without the surrounding quotes, for a single byte value. */
function goQuoteRune(c: number): string {
  const named = NAMED_ESCAPES.get(c);
  if (named !== undefined) return named;
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  // U+0080–U+009F are controls and U+00A0 / U+00AD are not graphic for strconv.IsPrint.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `\\u00${c.toString(16).padStart(2, '0')}`;
  return String.fromCharCode(c);
}
