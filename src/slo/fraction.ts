import { describe } from '../scenario/duration.js';
import type { ProblemCollector } from '../scenario/problems.js';

const fractionHelp = "a percentage string such as '99.5%' or a fraction from 0 to 1 such as 0.995";

/** A share: a percentage string (`'99.5%'`) or a fraction from 0 to 1. */
export function readFraction(value: unknown, field: string, check: ProblemCollector): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    const percent = match ? Number(match[1]) : Number.NaN;
    if (percent >= 0 && percent <= 100) return percent / 100;
  }
  check.add(field, `must be ${fractionHelp}, got ${describe(value)}`);
  return undefined;
}

/** An optional limit given as a duration, in milliseconds. */
export function readLimitMs(value: unknown, field: string, check: ProblemCollector): number | undefined {
  return value === undefined ? undefined : check.durationMs(value, field, { fallback: 0 });
}
