const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Units a duration string may use, for error messages. */
export const durationUnits = Object.keys(unitMs);

/**
 * Parses `'250ms'`, `'10s'`, `'1.5m'`, `'1h'`, `'1m30s'` or a number of milliseconds.
 * Returns the milliseconds, or an error message saying what is allowed.
 */
export function parseDuration(input: unknown): { ok: true; ms: number } | { ok: false; message: string } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `must be a finite number of milliseconds, got ${String(input)}` };
    if (input < 0) return { ok: false, message: `must not be negative, got ${input}` };
    return { ok: true, ms: input };
  }
  if (typeof input !== 'string') {
    return { ok: false, message: `must be a duration such as '500ms', '10s', '2m' or a number of milliseconds, got ${describe(input)}` };
  }
  const text = input.trim();
  if (text.startsWith('-')) return { ok: false, message: `must not be negative, got '${input}'` };
  const part = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(text)) !== null) {
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? Number.NaN);
    consumed = part.lastIndex;
  }
  if (text.length === 0 || consumed !== text.length || !Number.isFinite(total)) {
    return { ok: false, message: `must be a duration such as '500ms', '10s', '1.5m', '1m30s' (units: ${durationUnits.join(', ')}), got '${input}'` };
  }
  return { ok: true, ms: total };
}

/** Formats milliseconds for people: `850ms`, `2.5s`, `1m30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (Math.abs(ms) < 1000) return `${round(ms, ms < 10 ? 2 : 0)}ms`;
  if (Math.abs(ms) < 60_000) return `${round(ms / 1000, 2)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = round((ms - minutes * 60_000) / 1000, 1);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A short description of a value of the wrong type, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
