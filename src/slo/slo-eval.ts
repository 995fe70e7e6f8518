import { formatDuration } from '../scenario/duration.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import type { FaultRecovery } from '../metrics/recovery.js';
import type { RequestStats } from '../metrics/request-stats.js';
import type { FaultPlan, SloPlan, TagFilter, ThresholdPlan } from '../scenario/plan.js';
import { evaluateThreshold } from './threshold-eval.js';
import { thresholdMetricTypes } from './threshold-parser.js';

/**
 * What an objective judges. `steady-state` is never produced here: the runner adds it for the
 * steady-state hypothesis checked after faults are reverted, so it shares the result shape.
 */
export type SloKind = 'availability' | 'longest-outage' | 'total-outage' | 'recovery' | 'recovery-after-heal' | 'threshold' | 'steady-state'
  | 'write-outage' | 'lost-writes' | 'single-writer' | 'convergence';

/** The judgement of one objective. A miss is a result (`ok: false`), never an exception. */
export interface SloResult {
  /** Stable: `availability`, `longest-outage`, `total-outage`, `recovery`, or `threshold:<key>:<source>`. */
  readonly id: string;
  /** For people, e.g. `availability ≥ 99%`, `http_req_duration{phase:during} p(95)<500`. */
  readonly name: string;
  readonly kind: SloKind;
  readonly ok: boolean;
  /** The measured value in `unit`; `null` when there was nothing to measure. */
  readonly actual: number | null;
  readonly limit: number;
  readonly unit: '%' | 'ms' | '';
  /** One sentence on what was measured and why it passed or failed. */
  readonly detail: string;
}

export interface SloInput {
  readonly slo: SloPlan;
  /** Stats of the whole run. */
  readonly stats: RequestStats;
  /** Stats for a threshold's tag filter; needed only when a threshold key has tags. */
  readonly statsFor?: (tags: TagFilter) => RequestStats;
  readonly outages: OutageSummary;
  readonly recoveries: readonly FaultRecovery[];
  /** Labels for fault ids in details, e.g. `kill app-1 (SIGKILL)`. */
  readonly faults?: readonly Pick<FaultPlan, 'id' | 'label'>[];
}

const noData = 'no requests were recorded, so there is nothing to judge and the objective cannot pass';

/**
 * One result per configured objective (availability, longest outage, total outage, recovery),
 * then one per threshold, in the plan's order.
 *
 * An empty run (no requests at all) never passes: every objective, thresholds included, fails
 * with a "no data" detail. Only within a run that has data does a threshold whose own tag
 * filter selects no requests pass, as in k6.
 * @throws Error when a threshold has tags and `statsFor` is missing (a bug in the caller).
 */
export function evaluateSlo(input: SloInput): SloResult[] {
  const { slo, stats } = input;
  const empty = stats.counts.total === 0;
  const results: SloResult[] = [];

  if (slo.availabilityMin !== undefined) {
    const limit = slo.availabilityMin * 100;
    const base = { id: 'availability', name: `availability ≥ ${fmt(limit)}%`, kind: 'availability', limit, unit: '%' } as const;
    const { total, ok, fail, unknown } = stats.counts;
    results.push(stats.availability === null
      ? { ...base, ok: false, actual: null, detail: noData }
      : {
        ...base,
        ok: stats.availability >= slo.availabilityMin,
        actual: stats.availability * 100,
        detail: `${ok} of ${total} requests ok (${fail} failed, ${unknown} unknown)`,
      });
  }

  const resolution = input.outages.resolutionMs === null ? '' : `; resolution ±${fmt(input.outages.resolutionMs)} ms`;
  if (slo.longestOutageMaxMs !== undefined) {
    const limit = slo.longestOutageMaxMs;
    const base = { id: 'longest-outage', name: `longest outage ≤ ${formatDuration(limit)}`, kind: 'longest-outage', limit, unit: 'ms' } as const;
    const longest = input.outages.windows.reduce<OutageSummary['windows'][number] | undefined>(
      (worst, w) => (worst === undefined || w.durationMs > worst.durationMs ? w : worst), undefined);
    results.push(empty
      ? { ...base, ok: false, actual: null, detail: noData }
      : {
        ...base,
        ok: input.outages.longestMs <= limit,
        actual: input.outages.longestMs,
        detail: longest === undefined
          ? `no outage observed${resolution}`
          : `longest of ${input.outages.windows.length} outage(s) from ${fmt(longest.startMs)} ms to ${fmt(longest.endMs)} ms` +
            `${longest.ongoing ? ', still ongoing when the data ended' : ''}${resolution}`,
      });
  }

  if (slo.totalOutageMaxMs !== undefined) {
    const limit = slo.totalOutageMaxMs;
    const base = { id: 'total-outage', name: `total outage ≤ ${formatDuration(limit)}`, kind: 'total-outage', limit, unit: 'ms' } as const;
    const ongoing = input.outages.windows.some((w) => w.ongoing);
    results.push(empty
      ? { ...base, ok: false, actual: null, detail: noData }
      : {
        ...base,
        ok: input.outages.totalMs <= limit,
        actual: input.outages.totalMs,
        detail: `${input.outages.windows.length} outage(s)${ongoing ? ', the last still ongoing when the data ended' : ''}${resolution}`,
      });
  }

  if (slo.recoveryMaxMs !== undefined) results.push(recoveryResult(input, slo.recoveryMaxMs, empty));
  if (slo.recoveryAfterHealMaxMs !== undefined) results.push(recoveryAfterHealResult(input, slo.recoveryAfterHealMaxMs, empty));

  for (const threshold of slo.thresholds) results.push(thresholdResult(input, threshold, empty));
  return results;
}

function recoveryResult(input: SloInput, limit: number, empty: boolean): SloResult {
  const base = { id: 'recovery', name: `recovery ≤ ${formatDuration(limit)}`, kind: 'recovery', limit, unit: 'ms' } as const;
  if (empty) return { ...base, ok: false, actual: null, detail: noData };
  if (input.recoveries.length === 0) return { ...base, ok: true, actual: null, detail: 'no faults in the timeline, nothing to recover from' };
  const label = (id: string): string => {
    const text = input.faults?.find((f) => f.id === id)?.label;
    return text === undefined ? id : `${id} (${text})`;
  };
  const sustain = `${fmt(input.slo.sustainMs)} ms of only ok requests`;
  const never = input.recoveries.filter((r) => r.sustainedRecoveryMs === null);
  if (never.length > 0) {
    return {
      ...base,
      ok: false,
      actual: null,
      detail: `${never.map((r) => label(r.faultId)).join(', ')} never recovered (${sustain}) before the data ended`,
    };
  }
  const worst = input.recoveries.reduce((a, b) => ((b.sustainedRecoveryMs ?? 0) > (a.sustainedRecoveryMs ?? 0) ? b : a));
  const actual = worst.sustainedRecoveryMs ?? 0;
  const firstSuccess = worst.firstSuccessMs === null ? '' : `, first success after ${fmt(worst.firstSuccessMs)} ms`;
  return {
    ...base,
    ok: actual <= limit,
    actual,
    detail: `slowest: ${label(worst.faultId)} recovered (${sustain}) ${fmt(actual)} ms after the fault${firstSuccess}`,
  };
}

function recoveryAfterHealResult(input: SloInput, limit: number, empty: boolean): SloResult {
  const base = { id: 'recovery-after-heal', name: `recovery after heal ≤ ${formatDuration(limit)}`, kind: 'recovery-after-heal', limit, unit: 'ms' } as const;
  if (empty) return { ...base, ok: false, actual: null, detail: noData };
  const healed = input.recoveries.filter((r) => r.afterHealMs !== undefined);
  if (healed.length === 0) return { ...base, ok: true, actual: null, detail: 'no fault ended during load, nothing healed to recover from' };
  const never = healed.filter((r) => r.afterHealMs === null);
  const label = (id: string): string => {
    const text = input.faults?.find((f) => f.id === id)?.label;
    return text === undefined ? id : `${id} (${text})`;
  };
  if (never.length > 0) {
    return { ...base, ok: false, actual: null, detail: `${never.map((r) => label(r.faultId)).join(', ')} never recovered after the heal before the data ended` };
  }
  const worst = healed.reduce((a, b) => ((b.afterHealMs ?? 0) > (a.afterHealMs ?? 0) ? b : a));
  const actual = worst.afterHealMs ?? 0;
  return {
    ...base,
    ok: actual <= limit,
    actual,
    detail: `slowest: ${label(worst.faultId)} recovered (${fmt(input.slo.sustainMs)} ms of only ok requests) ${fmt(actual)} ms after the heal`,
  };
}

function thresholdResult(input: SloInput, threshold: ThresholdPlan, empty: boolean): SloResult {
  const trend = thresholdMetricTypes[threshold.metric] === 'trend';
  const base = {
    id: `threshold:${threshold.key}:${threshold.source}`,
    name: `${threshold.key} ${threshold.source}`,
    kind: 'threshold',
    limit: threshold.value,
    unit: trend ? 'ms' : '',
  } as const;
  if (empty) return { ...base, ok: false, actual: null, detail: noData };
  const hasTags = threshold.tags.phase !== undefined || threshold.tags.op !== undefined;
  if (hasTags && input.statsFor === undefined) {
    throw new Error(`evaluateSlo: threshold ${threshold.key} has tags but no statsFor was given`);
  }
  const stats = hasTags && input.statsFor ? input.statsFor(threshold.tags) : input.stats;
  const { ok, actual } = evaluateThreshold(threshold, stats);
  const detail = actual === null
    ? `no samples for ${threshold.key}; passes, as in k6`
    : `${threshold.aggregation} = ${fmt(actual)}${trend ? ' ms' : ''}`;
  return { ...base, ok, actual, detail };
}

/** At most 3 decimals, no trailing zeros: limits and measurements read as people write them. */
function fmt(value: number): string {
  return String(Number(value.toFixed(3)));
}
