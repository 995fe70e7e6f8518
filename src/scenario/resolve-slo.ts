import { parseThresholdExpression, parseThresholdKey } from '../slo/threshold-parser.js';
import { describe } from './duration.js';
import type { SloPlan, ThresholdPlan } from './plan.js';
import { join, type ProblemCollector } from './problems.js';

const sloFields = ['availability', 'longestOutage', 'totalOutage', 'recovery', 'recoveryAfterHeal', 'writeOutage', 'lostWrites', 'singleWriter', 'convergence', 'sustain', 'thresholds'] as const;

export function resolveSlo(input: unknown, replicated: boolean, check: ProblemCollector): SloPlan {
  const slo = check.object(input, 'slo', sloFields);
  return {
    availabilityMin: slo?.availability === undefined ? undefined : availability(slo.availability, check),
    longestOutageMaxMs: slo?.longestOutage === undefined ? undefined
      : check.durationMs(slo.longestOutage, 'slo.longestOutage', { fallback: 0 }),
    totalOutageMaxMs: slo?.totalOutage === undefined ? undefined
      : check.durationMs(slo.totalOutage, 'slo.totalOutage', { fallback: 0 }),
    recoveryMaxMs: slo?.recovery === undefined ? undefined
      : check.durationMs(slo.recovery, 'slo.recovery', { fallback: 0 }),
    recoveryAfterHealMaxMs: slo?.recoveryAfterHeal === undefined ? undefined
      : check.durationMs(slo.recoveryAfterHeal, 'slo.recoveryAfterHeal', { fallback: 0 }),
    writeOutageMaxMs: slo?.writeOutage === undefined ? undefined
      : check.durationMs(slo.writeOutage, 'slo.writeOutage', { fallback: 0 }),
    lostWritesMax: slo?.lostWrites === undefined ? undefined
      : check.number(slo.lostWrites, 'slo.lostWrites', { fallback: 0, min: 0, integer: true }),
    singleWriter: check.boolean(slo?.singleWriter, 'slo.singleWriter', replicated),
    convergence: check.boolean(slo?.convergence, 'slo.convergence', false),
    sustainMs: check.durationMs(slo?.sustain, 'slo.sustain', { fallback: 2000, minMs: 100 }),
    thresholds: thresholds(slo?.thresholds, check),
  };
}

const availabilityHelp = "a percentage string such as '99.5%' or a fraction from 0 to 1 such as 0.995";

function availability(value: unknown, check: ProblemCollector): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    const percent = match ? Number(match[1]) : Number.NaN;
    if (percent >= 0 && percent <= 100) return percent / 100;
  }
  check.add('slo.availability', `must be ${availabilityHelp}, got ${describe(value)}`);
  return undefined;
}

function thresholds(input: unknown, check: ProblemCollector): ThresholdPlan[] {
  const table = check.object(input, 'slo.thresholds', Object.keys((input as object | undefined) ?? {}));
  const plans: ThresholdPlan[] = [];
  for (const [key, list] of Object.entries(table ?? {})) {
    const field = `slo.thresholds['${key}']`;
    const parsedKey = parseThresholdKey(key);
    if (!parsedKey.ok) {
      check.add(field, parsedKey.message);
      continue;
    }
    if (!Array.isArray(list)) {
      check.add(field, `must be an array of threshold strings such as ['p(95)<500'], got ${describe(list)}`);
      continue;
    }
    list.forEach((entry: unknown, index) => {
      const entryField = join(field, index);
      const source = typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? (entry as { threshold?: unknown }).threshold
        : entry;
      if (typeof source !== 'string') {
        check.add(entryField, `must be a threshold string such as 'p(95)<500' or { threshold: 'p(95)<500' }, got ${describe(entry)}`);
        return;
      }
      const parsed = parseThresholdExpression(source, parsedKey.metric);
      if (!parsed.ok) {
        check.add(entryField, parsed.message);
        return;
      }
      plans.push({ key, metric: parsedKey.metric, tags: parsedKey.tags, source, aggregation: parsed.aggregation, op: parsed.op, value: parsed.value });
    });
  }
  return plans;
}
