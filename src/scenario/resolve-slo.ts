import { parseThresholdExpression, parseThresholdKey } from '../slo/threshold-parser.js';
import { describe } from './duration.js';
import { defaultOutageSustainMs } from '../metrics/outage-windows.js';
import type { DegradedPlan, SloPlan, ThresholdPlan } from './plan.js';
import { join, type ProblemCollector } from './problems.js';

const sloFields = ['availability', 'longestOutage', 'totalOutage', 'outageSustain', 'degraded', 'recovery', 'recoveryAfterHeal', 'writeOutage', 'lostWrites', 'singleWriter', 'convergence', 'sustain', 'thresholds'] as const;
const degradedFields = ['errorRate', 'bucket', 'longest', 'total'] as const;
const thresholdObjectFields = ['threshold', 'abortOnFail', 'delayAbortEval'] as const;

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
    lostWrites: lostWrites(slo?.lostWrites, check),
    singleWriter: check.boolean(slo?.singleWriter, 'slo.singleWriter', replicated),
    convergence: check.boolean(slo?.convergence, 'slo.convergence', false),
    sustainMs: check.durationMs(slo?.sustain, 'slo.sustain', { fallback: 2000, minMs: 100 }),
    outageSustainMs: check.durationMs(slo?.outageSustain, 'slo.outageSustain', { fallback: defaultOutageSustainMs, minMs: 1, maxMs: 60_000 }),
    degraded: degraded(slo?.degraded, check),
    thresholds: thresholds(slo?.thresholds, check),
  };
}

function lostWrites(value: unknown, check: ProblemCollector): SloPlan['lostWrites'] {
  if (value === undefined) return undefined;
  const count = { fallback: 0, min: 0, integer: true } as const;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const bounds = check.object(value, 'slo.lostWrites', ['min', 'max']) ?? {};
    const min = bounds.min === undefined ? undefined : check.number(bounds.min, 'slo.lostWrites.min', count);
    const max = bounds.max === undefined ? undefined : check.number(bounds.max, 'slo.lostWrites.max', count);
    if (min === undefined && max === undefined) check.add('slo.lostWrites', 'must set min, max or both, e.g. { min: 1 } for a loss the scenario demonstrates');
    if (min !== undefined && max !== undefined && min > max) check.add('slo.lostWrites', `min (${min}) must not be above max (${max})`);
    return { min, max };
  }
  if (typeof value !== 'number') {
    check.add('slo.lostWrites', `must be the most acknowledged writes allowed lost (an integer of at least 0) or { min?, max? }, got ${describe(value)}`);
    return undefined;
  }
  return { min: undefined, max: check.number(value, 'slo.lostWrites', count) };
}

function degraded(value: unknown, check: ProblemCollector): DegradedPlan {
  const input = check.object(value, 'slo.degraded', degradedFields);
  const errorRateAbove = input?.errorRate === undefined ? 0.01 : fraction(input.errorRate, 'slo.degraded.errorRate', check) ?? 0.01;
  return {
    errorRateAbove,
    bucketMs: check.durationMs(input?.bucket, 'slo.degraded.bucket', { fallback: 1000, minMs: 50, maxMs: 60_000 }),
    longestMaxMs: input?.longest === undefined ? undefined : check.durationMs(input.longest, 'slo.degraded.longest', { fallback: 0 }),
    totalMaxMs: input?.total === undefined ? undefined : check.durationMs(input.total, 'slo.degraded.total', { fallback: 0 }),
  };
}

const availabilityHelp = "a percentage string such as '99.5%' or a fraction from 0 to 1 such as 0.995";

function availability(value: unknown, check: ProblemCollector): number | undefined {
  return fraction(value, 'slo.availability', check);
}

/** A share: a percentage string (`'99.5%'`) or a fraction from 0 to 1. */
function fraction(value: unknown, field: string, check: ProblemCollector): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    const percent = match ? Number(match[1]) : Number.NaN;
    if (percent >= 0 && percent <= 100) return percent / 100;
  }
  check.add(field, `must be ${availabilityHelp}, got ${describe(value)}`);
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
      const object = typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? check.object(entry, entryField, thresholdObjectFields)
        : undefined;
      const source = object ? object.threshold : entry;
      if (typeof source !== 'string') {
        check.add(object ? `${entryField}.threshold` : entryField, `must be a threshold string such as 'p(95)<500' or { threshold: 'p(95)<500', abortOnFail: true }, got ${describe(object ? object.threshold : entry)}`);
        return;
      }
      const abortOnFail = check.boolean(object?.abortOnFail, `${entryField}.abortOnFail`, false);
      const delayAbortEvalMs = check.durationMs(object?.delayAbortEval, `${entryField}.delayAbortEval`, { fallback: 0 });
      const parsed = parseThresholdExpression(source, parsedKey.metric);
      if (!parsed.ok) {
        check.add(entryField, parsed.message);
        return;
      }
      plans.push({ key, metric: parsedKey.metric, tags: parsedKey.tags, source, aggregation: parsed.aggregation, op: parsed.op, value: parsed.value, abortOnFail, delayAbortEvalMs });
    });
  }
  return plans;
}
