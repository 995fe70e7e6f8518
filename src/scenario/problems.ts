import { describe, parseDuration } from './duration.js';

/** One thing wrong with a scenario: where, and what is allowed instead. */
export interface Problem {
  readonly file: string | undefined;
  /** Dotted path of the field, e.g. `timeline[0].fault.target`. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.file === undefined ? '' : `${problem.file}: `;
  return `${where}${problem.field}: ${problem.message}`;
}

type Obj = Readonly<Record<string, unknown>>;

/**
 * Collects every problem in one pass, so a user sees all of them at once. Each reader returns
 * the value when it is valid and a fallback otherwise, so checking can go on after an error.
 */
export class ProblemCollector {
  readonly problems: Problem[] = [];

  constructor(private readonly file: string | undefined) {}

  /** True when a problem was already recorded for `field` (so checks that depend on it can be skipped). */
  has(field: string): boolean {
    return this.problems.some((problem) => problem.field === field);
  }

  add(field: string, message: string): void {
    this.problems.push({ file: this.file, field, message });
  }

  /** An object whose keys must all be in `allowed`; `undefined` when absent and optional. */
  object(value: unknown, field: string, allowed: readonly string[], required = false): Obj | undefined {
    if (value === undefined) {
      if (required) this.add(field, `is required: an object with ${allowed.join(', ')}`);
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(field, `must be an object with ${allowed.join(', ')}, got ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(join(field, key), `is not a known field; allowed: ${allowed.join(', ')}`);
    }
    return value as Obj;
  }

  number(value: unknown, field: string, rule: { fallback: number; min?: number; max?: number; integer?: boolean; required?: boolean; minExclusive?: boolean }): number {
    if (value === undefined) {
      if (rule.required) this.add(field, `is required: ${numberRule(rule)}`);
      return rule.fallback;
    }
    const ok = typeof value === 'number' && Number.isFinite(value)
      && (!rule.integer || Number.isInteger(value))
      && (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min))
      && (rule.max === undefined || value <= rule.max);
    if (!ok) {
      this.add(field, `must be ${numberRule(rule)}, got ${describe(value)}`);
      return rule.fallback;
    }
    return value;
  }

  durationMs(value: unknown, field: string, rule: { fallback: number; required?: boolean; minMs?: number; maxMs?: number }): number {
    if (value === undefined) {
      if (rule.required) this.add(field, `is required: a duration such as '500ms', '10s', '2m'`);
      return rule.fallback;
    }
    const parsed = parseDuration(value);
    if (!parsed.ok) {
      this.add(field, parsed.message);
      return rule.fallback;
    }
    if (rule.minMs !== undefined && parsed.ms < rule.minMs) {
      this.add(field, `must be at least ${rule.minMs}ms, got ${describe(value)}`);
      return rule.fallback;
    }
    if (rule.maxMs !== undefined && parsed.ms > rule.maxMs) {
      this.add(field, `must be at most ${rule.maxMs}ms, got ${describe(value)}`);
      return rule.fallback;
    }
    return parsed.ms;
  }

  string(value: unknown, field: string, rule: { fallback: string; required?: boolean; pattern?: RegExp; patternText?: string; oneOf?: readonly string[] }): string {
    if (value === undefined) {
      if (rule.required) this.add(field, `is required${rule.patternText ? `: ${rule.patternText}` : ''}`);
      return rule.fallback;
    }
    if (typeof value !== 'string') {
      this.add(field, `must be a string${rule.oneOf ? ` (one of ${rule.oneOf.join(', ')})` : ''}, got ${describe(value)}`);
      return rule.fallback;
    }
    if (rule.oneOf && !rule.oneOf.includes(value)) {
      this.add(field, `must be one of ${rule.oneOf.join(', ')}, got '${value}'`);
      return rule.fallback;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.add(field, `must be ${rule.patternText ?? `a string matching ${String(rule.pattern)}`}, got '${value}'`);
      return rule.fallback;
    }
    return value;
  }

  boolean(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.add(field, `must be true or false, got ${describe(value)}`);
      return fallback;
    }
    return value;
  }
}

export function join(field: string, key: string | number): string {
  if (typeof key === 'number') return `${field}[${key}]`;
  return field === '' ? key : `${field}.${key}`;
}

function numberRule(rule: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean }): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) {
    return rule.minExclusive ? `${kind} greater than ${rule.min} and at most ${rule.max}` : `${kind} from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined) return `${kind} ${rule.minExclusive ? 'greater than' : 'of at least'} ${rule.min}`;
  if (rule.max !== undefined) return `${kind} of at most ${rule.max}`;
  return kind;
}
