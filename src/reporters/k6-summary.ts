import { createHash } from 'node:crypto';
import type { RequestStats } from '../metrics/request-stats.js';
import { Trend } from '../metrics/trend-stats.js';
import type { TagFilter } from '../scenario/plan.js';
import type { RunResult } from '../run/run-result.js';

/** The trend columns faultline reports (k6's defaults plus p(99)), also declared in `options`. */
export const summaryTrendStats = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

type MetricValues = Record<string, number>;
interface SummaryMetric {
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  contains: 'default' | 'time' | 'data';
  values: MetricValues;
  thresholds?: Record<string, { ok: boolean }>;
}
interface SummaryCheck { name: string; path: string; id: string; passes: number; fails: number }

/** k6's `handleSummary(data)` shape, as k6 ≥ 0.30 produces it. */
export interface K6Summary {
  root_group: { name: ''; path: ''; id: string; groups: never[]; checks: SummaryCheck[] };
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
}

/**
 * Builds summary.json in the shape of k6's handleSummary data, so k6 tooling reads it: the
 * built-in HTTP metrics (note k6's inversion: `http_req_failed` counts failed requests as
 * *passes*), one submetric per tagged threshold key, each threshold keyed by its source, and
 * one check per SLO in the root group.
 */
export function k6Summary(result: RunResult, statsFor: ((filter: TagFilter) => RequestStats) | undefined, tty: { stdout: boolean; stderr: boolean }): K6Summary {
  const metrics: Record<string, SummaryMetric> = {};
  const load = result.load;
  const runMs = load?.durationMs ?? 0;
  if (statsFor) {
    const all = statsFor({});
    for (const name of httpMetricNames) metrics[name] = httpMetric(name, all, runMs);
    // A tagged threshold key (e.g. `http_req_duration{phase:during}`) is a k6 submetric: it
    // appears under the key exactly as the user wrote it.
    for (const threshold of result.plan.slo.thresholds) {
      if (Object.keys(threshold.tags).length > 0) metrics[threshold.key] = httpMetric(threshold.metric, statsFor(threshold.tags), runMs);
    }
  }
  const checks = result.slos.map((slo) => check(slo.name, slo.status));
  if (checks.length > 0) {
    const passes = checks.reduce((sum, c) => sum + c.passes, 0);
    const fails = checks.reduce((sum, c) => sum + c.fails, 0);
    metrics.checks = { type: 'rate', contains: 'default', values: { rate: passes + fails === 0 ? 0 : passes / (passes + fails), passes, fails } };
  }
  if (load) {
    // As in k6: work the generator itself could not start. Requests the system refused are not that.
    metrics.dropped_iterations = { type: 'counter', contains: 'default', values: counter(load.counts.dropped, runMs) };
    metrics.faultline_requests_refused = { type: 'counter', contains: 'default', values: counter(load.counts.refused, runMs) };
    metrics.faultline_generator_behind = { type: 'counter', contains: 'default', values: counter(load.counts.generatorBehind, runMs) };
    metrics.faultline_degraded_duration = trendMetric(new Trend(load.degraded.windows.map((w) => w.durationMs)));
    metrics.faultline_outage_duration = trendMetric(new Trend(load.outages.windows.map((w) => w.durationMs)));
    metrics.faultline_recovery_time = trendMetric(new Trend(load.recoveries.flatMap((r) => (r.finalRecoveryMs === null ? [] : [r.finalRecoveryMs]))));
    metrics.faultline_write_outage_duration = trendMetric(new Trend(load.writeOutages.windows.map((w) => w.durationMs)));
  }
  const ledger = result.database?.ledger;
  if (ledger) {
    metrics.faultline_writes_acknowledged = { type: 'counter', contains: 'default', values: counter(ledger.acknowledged, runMs) };
    metrics.faultline_writes_lost = { type: 'counter', contains: 'default', values: counter(ledger.lost.length, runMs) };
  }
  if (result.drills.length > 0) {
    // Restore drills: one sample per restore (a restore whose writes never recovered has no RTO sample).
    metrics.faultline_rto = trendMetric(new Trend(result.drills.flatMap((d) => (d.rtoMs === null ? [] : [d.rtoMs]))));
    metrics.faultline_rpo = trendMetric(new Trend(result.drills.flatMap((d) => (d.rpoMs === null ? [] : [d.rpoMs]))));
    metrics.faultline_rpo_writes_lost = { type: 'counter', contains: 'default', values: counter(result.drills.reduce((sum, d) => sum + d.rpoCount, 0), runMs) };
    metrics.faultline_backup_age = trendMetric(new Trend(result.drills.flatMap((d) => (d.backupAgeMs === null ? [] : [d.backupAgeMs]))));
  }
  for (const threshold of result.plan.slo.thresholds) {
    const metric = metrics[threshold.key];
    const slo = result.slos.find((s) => s.id === `threshold:${threshold.key}:${threshold.source}`);
    if (metric && slo) (metric.thresholds ??= {})[threshold.source] = { ok: slo.status === 'pass' };
  }
  return {
    root_group: { name: '', path: '', id: md5(''), groups: [], checks },
    options: { summaryTrendStats: [...summaryTrendStats], summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: tty.stdout, isStdErrTTY: tty.stderr, testRunDurationMs: runMs },
    metrics,
  };
}

const httpMetricNames = ['http_reqs', 'http_req_failed', 'http_req_duration', 'http_req_blocked', 'faultline_response_time'] as const;

function httpMetric(name: (typeof httpMetricNames)[number], stats: RequestStats, runMs: number): SummaryMetric {
  switch (name) {
    case 'http_reqs':
      return { type: 'counter', contains: 'default', values: counter(stats.http_reqs.count, runMs) };
    case 'http_req_failed':
      return { type: 'rate', contains: 'default', values: { rate: stats.http_req_failed.rate ?? 0, passes: stats.http_req_failed.passes, fails: stats.http_req_failed.fails } };
    case 'http_req_duration':
      return trendMetric(stats.http_req_duration);
    case 'http_req_blocked':
      return trendMetric(stats.http_req_blocked);
    case 'faultline_response_time':
      return trendMetric(stats.faultline_response_time);
  }
}

function counter(count: number, runMs: number): MetricValues {
  return { count, rate: runMs > 0 ? count / (runMs / 1000) : 0 };
}

function trendMetric(trend: Trend): SummaryMetric {
  const values: MetricValues = {};
  for (const name of summaryTrendStats) values[name] = trend.aggregate(name) ?? 0;
  return { type: 'trend', contains: 'time', values };
}

/** One SLO as a k6 check: a pass, a fail, or (nothing to judge) neither. */
function check(name: string, status: 'pass' | 'fail' | 'no-data'): SummaryCheck {
  const path = `::${name}`;
  return { name, path, id: md5(path), passes: status === 'pass' ? 1 : 0, fails: status === 'fail' ? 1 : 0 };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
