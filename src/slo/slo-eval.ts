import { formatDuration } from '../scenario/duration.js';
import type { DegradedSummary } from '../metrics/degraded-windows.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import type { FaultRecovery } from '../metrics/recovery.js';
import type { RequestStats } from '../metrics/request-stats.js';
import type { FaultPlanBase, SloPlan, TagFilter, ThresholdPlan } from '../scenario/plan.js';
import { evaluateThreshold } from './threshold-eval.js';
import { thresholdMetricTypes } from './threshold-parser.js';

/**
 * What an objective judges. `steady-state` is never produced here: the runner adds it for the
 * steady-state hypothesis checked after faults are reverted, so it shares the result shape.
 */
export type SloKind = 'availability' | 'longest-outage' | 'total-outage' | 'longest-degraded' | 'total-degraded' | 'recovery' | 'recovery-after-heal'
  | 'threshold' | 'steady-state' | 'write-outage' | 'lost-writes' | 'single-writer' | 'convergence';

/**
 * `pass` and `fail` are judgements; `no-data` means there was nothing to judge (no requests, no
 * fault injected, a run too short to see recovery), which is never a pass: the verdict is then
 * `unknown`.
 */
export type SloStatus = 'pass' | 'fail' | 'no-data';

/** The judgement of one objective. A miss is a result (`status: 'fail'`), never an exception. */
export interface SloResult {
  /** Stable: `availability`, `longest-outage`, `total-outage`, `recovery`, or `threshold:<key>:<source>`. */
  readonly id: string;
  /** For people, e.g. `availability ≥ 99%`, `http_req_duration{phase:during} p(95)<500`. */
  readonly name: string;
  readonly kind: SloKind;
  readonly status: SloStatus;
  /** The measured value in `unit`; `null` when there was nothing to measure. */
  readonly actual: number | null;
  readonly limit: number;
  readonly unit: '%' | 'ms' | '';
  /** One sentence on what was measured and why it passed, failed or could not be judged. */
  readonly detail: string;
}

export interface SloInput {
  readonly slo: SloPlan;
  /** Stats of the whole run. */
  readonly stats: RequestStats;
  /** Stats for a threshold's tag filter; needed only when a threshold key has tags. */
  readonly statsFor?: (tags: TagFilter) => RequestStats;
  readonly outages: OutageSummary;
  readonly degraded?: DegradedSummary;
  readonly recoveries: readonly FaultRecovery[];
  /** Labels for fault ids in details, e.g. `kill app-1 (SIGKILL)`. */
  readonly faults?: readonly Pick<FaultPlanBase, 'id' | 'label'>[];
  /** Every fault the timeline planned: one that was never injected has no recovery to judge. */
  readonly planned?: readonly Pick<FaultPlanBase, 'id' | 'label' | 'durationMs'>[];
  /** How long the measured load ran (the `http_reqs` rate of an empty counter is 0 only when this is positive, as in k6). */
  readonly durationMs?: number;
}

const noRequests = 'no requests were recorded, so there is nothing to judge';

/** `pass`/`fail` from a comparison. */
export function judged(ok: boolean): SloStatus {
  return ok ? 'pass' : 'fail';
}

/**
 * An outage measured against a limit. One still ongoing when the data ended was at least as long
 * as measured: over the limit it failed, within it the data ended too soon to tell.
 */
export function outageStatus(measuredMs: number, limitMs: number, ongoing: boolean): SloStatus {
  if (measuredMs > limitMs) return 'fail';
  return ongoing ? 'no-data' : 'pass';
}

/**
 * One result per configured objective (availability, outages, degraded time, recovery), then one
 * per threshold, in the plan's order.
 *
 * An empty run (no requests at all) judges nothing: every objective but the thresholds is
 * `no-data`. Thresholds behave exactly as k6's: a metric without samples scores 0 (a trend's
 * every aggregation, a counter's count and rate) and a rate metric without samples passes;
 * their detail then says "no data".
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
      ? { ...base, status: 'no-data', actual: null, detail: noRequests }
      : {
        ...base,
        status: judged(stats.availability >= slo.availabilityMin),
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
      ? { ...base, status: 'no-data', actual: null, detail: noRequests }
      : {
        ...base,
        status: outageStatus(input.outages.longestMs, limit, longest?.ongoing === true),
        actual: input.outages.longestMs,
        detail: longest === undefined
          ? `no outage observed${resolution}`
          : `longest of ${input.outages.windows.length} outage(s) from ${fmt(longest.startMs)} ms to ${fmt(longest.endMs)} ms` +
            `${longest.ongoing ? ', still ongoing when the data ended (so at least that long)' : ''}${resolution}`,
      });
  }

  if (slo.totalOutageMaxMs !== undefined) {
    const limit = slo.totalOutageMaxMs;
    const base = { id: 'total-outage', name: `total outage ≤ ${formatDuration(limit)}`, kind: 'total-outage', limit, unit: 'ms' } as const;
    const ongoing = input.outages.windows.some((w) => w.ongoing);
    results.push(empty
      ? { ...base, status: 'no-data', actual: null, detail: noRequests }
      : {
        ...base,
        status: outageStatus(input.outages.totalMs, limit, ongoing),
        actual: input.outages.totalMs,
        detail: `${input.outages.windows.length} outage(s)${ongoing ? ', the last still ongoing when the data ended' : ''}${resolution}`,
      });
  }

  results.push(...degradedResults(input, empty));
  if (slo.recoveryMaxMs !== undefined) results.push(recoveryResult(input, slo.recoveryMaxMs));
  if (slo.recoveryAfterHealMaxMs !== undefined) results.push(recoveryAfterHealResult(input, slo.recoveryAfterHealMaxMs));

  for (const threshold of slo.thresholds) results.push(thresholdResult(input, threshold));
  return results;
}

function degradedResults(input: SloInput, empty: boolean): SloResult[] {
  const plan = input.slo.degraded;
  const summary = input.degraded;
  const results: SloResult[] = [];
  const bound = `error rate above ${fmt(plan.errorRateAbove * 100)}% per ${formatDuration(plan.bucketMs)}`;
  const judge = (id: 'longest-degraded' | 'total-degraded', limit: number, measure: (s: DegradedSummary) => number): void => {
    const name = `${id === 'longest-degraded' ? 'longest' : 'total'} degraded (${bound}) ≤ ${formatDuration(limit)}`;
    const base = { id, name, kind: id, limit, unit: 'ms' } as const;
    if (empty || summary === undefined) {
      results.push({ ...base, status: 'no-data', actual: null, detail: noRequests });
      return;
    }
    const actual = measure(summary);
    results.push({ ...base, status: judged(actual <= limit), actual, detail: `${summary.windows.length} degraded window(s), edges exact to ${formatDuration(summary.bucketMs)}` });
  };
  if (plan.longestMaxMs !== undefined) judge('longest-degraded', plan.longestMaxMs, (s) => s.longestMs);
  if (plan.totalMaxMs !== undefined) judge('total-degraded', plan.totalMaxMs, (s) => s.totalMs);
  return results;
}

function labeller(input: SloInput): (id: string) => string {
  return (id) => {
    const text = input.faults?.find((f) => f.id === id)?.label;
    return text === undefined ? id : `${id} (${text})`;
  };
}

/** The judgement of one fault's recovery against a limit, from the fault (`offsetMs` 0) or from its heal. */
function judgeRecovery(recovery: FaultRecovery, limit: number, offsetMs: number): { status: SloStatus; actual: number | null; why: string } {
  const relapses = recovery.relapses.length === 0 ? '' : `, after ${recovery.relapses.length} relapse(s) (first at ${fmt(recovery.relapses[0]!.startMs)} ms)`;
  if (recovery.status === 'too-short') {
    return { status: 'no-data', actual: null, why: 'the data after it is shorter than one sustain window, so there is no evidence either way' };
  }
  if (recovery.finalRecoveryMs !== null) {
    const actual = Math.max(0, recovery.finalRecoveryMs - offsetMs);
    return { status: judged(actual <= limit), actual, why: `recovered ${fmt(actual)} ms after${relapses}` };
  }
  // Not recovered within the data: a miss only if it was seen failing for longer than the limit.
  const failingFor = Math.max(0, (recovery.stillFailingAtMs ?? 0) - offsetMs);
  return failingFor > limit
    ? { status: 'fail', actual: null, why: `still failing ${fmt(failingFor)} ms after${relapses}, and never recovered before the data ended` }
    : { status: 'no-data', actual: null, why: `not yet recovered when the data ended, only ${fmt(failingFor)} ms after${relapses}: too soon to tell` };
}

function combine(judgements: readonly { status: SloStatus; actual: number | null; text: string }[]): { status: SloStatus; actual: number | null; detail: string } {
  const failing = judgements.filter((j) => j.status === 'fail');
  const unjudged = judgements.filter((j) => j.status === 'no-data');
  const status: SloStatus = failing.length > 0 ? 'fail' : unjudged.length > 0 ? 'no-data' : 'pass';
  const worst = judgements.reduce<{ actual: number | null; text: string } | undefined>(
    (a, b) => (a === undefined || (b.actual ?? -1) > (a.actual ?? -1) ? b : a), undefined);
  const shown = failing.length > 0 ? failing : unjudged.length > 0 ? unjudged : worst === undefined ? [] : [worst];
  return { status, actual: worst?.actual ?? null, detail: shown.map((j) => j.text).join('; ') };
}

function recoveryResult(input: SloInput, limit: number): SloResult {
  const base = { id: 'recovery', name: `recovery ≤ ${formatDuration(limit)}`, kind: 'recovery', limit, unit: 'ms' } as const;
  if (input.recoveries.length === 0) return { ...base, status: 'no-data', actual: null, detail: 'no fault was injected, so there was nothing to recover from' };
  const label = labeller(input);
  const sustain = `${formatDuration(input.slo.sustainMs)} of only ok requests`;
  const missing = (input.planned ?? []).filter((p) => !input.recoveries.some((r) => r.faultId === p.id));
  const { status, actual, detail } = combine([
    ...input.recoveries.map((r) => {
      const j = judgeRecovery(r, limit, 0);
      return { ...j, text: `${label(r.faultId)} ${j.why} the fault` };
    }),
    ...missing.map((p) => ({ status: 'no-data' as const, actual: null, text: `${p.id} (${p.label}) was never injected, so there is no recovery from it to judge` })),
  ]);
  return { ...base, status, actual, detail: `${detail} (recovered = ${sustain})` };
}

function recoveryAfterHealResult(input: SloInput, limit: number): SloResult {
  const base = { id: 'recovery-after-heal', name: `recovery after heal ≤ ${formatDuration(limit)}`, kind: 'recovery-after-heal', limit, unit: 'ms' } as const;
  const healed = input.recoveries.filter((r) => r.afterHealMs !== undefined);
  if (healed.length === 0) return { ...base, status: 'no-data', actual: null, detail: 'no fault ended during load, so nothing was healed to recover from' };
  const label = labeller(input);
  // A fault meant to end (it has a duration) that did not within the data has no heal to judge.
  const unhealed = (input.planned ?? []).filter((p) => p.durationMs !== undefined && !healed.some((r) => r.faultId === p.id));
  const { status, actual, detail } = combine([
    ...healed.map((r) => {
      const j = judgeRecovery(r, limit, (r.healedAtMs ?? r.atMs) - r.atMs);
      return { ...j, text: `${label(r.faultId)} ${j.why} the heal` };
    }),
    ...unhealed.map((p) => ({ status: 'no-data' as const, actual: null, text: `${p.id} (${p.label}) was not healed before load ended, so there is no recovery after its heal to judge` })),
  ]);
  return { ...base, status, actual, detail: `${detail} (recovered = ${formatDuration(input.slo.sustainMs)} of only ok requests)` };
}

function thresholdResult(input: SloInput, threshold: ThresholdPlan): SloResult {
  const trend = thresholdMetricTypes[threshold.metric] === 'trend';
  const base = {
    id: `threshold:${threshold.key}:${threshold.source}`,
    name: `${threshold.key} ${threshold.source}`,
    kind: 'threshold',
    limit: threshold.value,
    unit: trend ? 'ms' : '',
  } as const;
  const hasTags = Object.values(threshold.tags).some((value) => value !== undefined);
  if (hasTags && input.statsFor === undefined) {
    throw new Error(`evaluateSlo: threshold ${threshold.key} has tags but no statsFor was given`);
  }
  const stats = hasTags && input.statsFor ? input.statsFor(threshold.tags) : input.stats;
  const outcome = evaluateThreshold(threshold, stats, input.durationMs ?? 0);
  const value = outcome.actual === null ? 'no value' : `${fmt(outcome.actual)}${trend ? ' ms' : ''}`;
  const detail = outcome.empty
    ? `no data: ${threshold.key} had no samples; ${outcome.actual === null ? 'k6 passes a rate threshold without samples' : `scored as ${threshold.aggregation} = ${value}, as k6 does`}`
    : `${threshold.aggregation} = ${value}`;
  return { ...base, status: judged(outcome.ok), actual: outcome.actual, detail };
}

/** At most 3 decimals, no trailing zeros: limits and measurements read as people write them. */
function fmt(value: number): string {
  return String(Number(value.toFixed(3)));
}
