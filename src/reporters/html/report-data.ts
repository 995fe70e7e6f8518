import type { RequestSamples } from '../../metrics/request-samples.js';
import { timeBuckets } from '../../metrics/time-buckets.js';
import type { StoredResult } from '../compare-runs.js';
import { formatMs, formatPercent, formatSloActual } from '../format.js';
import { keyFigures, rpoText, rtoText, type KeyFigure } from '../key-figures.js';

/** An event of the run as the journal and the reporters receive it. */
export interface RunEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A span (or, without `toS`, an instant) on one lane of the timeline, in seconds of measured load. */
export interface LaneItem {
  readonly fromS: number;
  readonly toS?: number;
  readonly label: string;
  /** Colour key: a fault kind, an outcome, a state. */
  readonly tone: string;
}

export interface Lane {
  readonly name: string;
  readonly items: readonly LaneItem[];
}

/** Everything report.html shows, computed here (never in the page), as plain JSON. */
export interface ReportData {
  readonly meta: {
    readonly scenario: string;
    readonly description: string;
    readonly runId: string;
    readonly startedAt: string;
    readonly duration: string;
    readonly file: string | null;
    readonly verdict: StoredResult['verdict'];
    readonly exitCode: number;
    readonly reason: string | null;
    readonly load: string | null;
  };
  readonly slos: readonly { readonly name: string; readonly status: string; readonly measured: string; readonly detail: string }[];
  readonly figures: readonly KeyFigure[];
  readonly phases: readonly { readonly phase: string; readonly requests: number; readonly availability: string; readonly p50: string; readonly p99: string; readonly max: string; readonly p99FromDue: string }[];
  readonly drills: readonly { readonly title: string; readonly breakdown: readonly { readonly name: string; readonly ms: number; readonly text: string }[] }[];
  /** Seconds of measured load the axis spans. */
  readonly spanS: number;
  readonly bucketMs: number;
  /** Columns, one entry per bucket: start (s), requests per second by outcome, latency in ms. */
  readonly series: {
    readonly t: number[]; readonly ok: number[]; readonly fail: number[]; readonly unknown: number[];
    readonly p50: (number | null)[]; readonly p99: (number | null)[]; readonly max: (number | null)[]; readonly dueP99: (number | null)[];
  };
  /** Faults from injection to revert (to the end of the axis when never reverted). */
  readonly bands: readonly (LaneItem & { readonly id: string; readonly kind: string })[];
  readonly lanes: readonly Lane[];
}

/** Buckets no wider than this, and no more than this many of them: a 30-minute run stays light. */
const finestBucketMs = 250;
const maxBuckets = 4000;

/** The report's data: the run's own figures (formatted as the console formats them) and its time series. Pure. */
export function htmlReportData(result: StoredResult, samples: RequestSamples | undefined, events: readonly RunEvent[]): ReportData {
  const load = result.load;
  const spanMs = load?.durationMs ?? 0;
  const bucketMs = Math.max(finestBucketMs, Math.ceil(spanMs / maxBuckets / finestBucketMs) * finestBucketMs);
  const buckets = samples ? timeBuckets(samples, { intervalMs: bucketMs }) : [];
  const perSecond = 1000 / bucketMs;
  const s = (ms: number): number => Math.round(ms) / 1000;
  const endS = s(spanMs);
  return {
    meta: {
      scenario: result.plan.name,
      description: result.plan.description,
      runId: result.runId,
      startedAt: result.startedAt,
      duration: formatMs(result.durationMs),
      file: result.plan.file ?? null,
      verdict: result.verdict,
      exitCode: result.exitCode,
      reason: result.reason ?? null,
      load: load ? `${result.plan.load.rate} req/s for ${formatMs(load.durationMs)}, ${load.counts.total} requests: ${load.counts.ok} ok, ${load.counts.fail} fail, ${load.counts.unknown} unknown` : null,
    },
    slos: result.slos.map((slo) => ({ name: slo.name, status: slo.status, measured: slo.status === 'no-data' ? 'no data' : formatSloActual(slo), detail: slo.detail })),
    figures: keyFigures(result),
    phases: (load?.phases ?? []).map((p) => ({
      phase: `${p.span.phase}${p.span.faultId ? ` ${p.span.faultId}` : ''}`, requests: p.counts.total, availability: formatPercent(p.availability),
      p50: formatMs(p.latency.med), p99: formatMs(p.latency['p(99)']), max: formatMs(p.latency.max), p99FromDue: formatMs(p.responseTime['p(99)']),
    })),
    drills: result.drills.map((d) => ({
      title: `${d.faultId} ${d.kind} ${d.node}: RTO ${rtoText(d)}; RPO ${rpoText(d)}`,
      breakdown: d.breakdown.map((p) => ({ name: p.name, ms: Math.round(p.ms), text: formatMs(p.ms) })),
    })),
    spanS: endS,
    bucketMs,
    series: {
      t: buckets.map((b) => s(b.startMs)),
      ok: buckets.map((b) => b.ok * perSecond),
      fail: buckets.map((b) => b.fail * perSecond),
      unknown: buckets.map((b) => b.unknown * perSecond),
      p50: buckets.map((b) => b.p50Ms),
      p99: buckets.map((b) => b.p99Ms),
      max: buckets.map((b) => b.maxMs),
      dueP99: buckets.map((b) => b.dueP99Ms),
    },
    bands: result.faults.filter((f) => f.injectStartMs !== undefined).map((f) => ({
      id: f.id, kind: f.kind, tone: f.kind, fromS: s(f.injectStartMs!), toS: s(bandEndMs(f, spanMs)), label: `${f.id}: ${f.label}`,
    })),
    lanes: lanesOf(result, events, s),
  };
}

/**
 * Where a fault's band ends: at its revert; a step (a restore, a rebuild, a switchover) when it
 * finished, since undoing it is nothing; a fault never reverted (a lost disk) at the end.
 */
function bandEndMs(fault: StoredResult['faults'][number], spanMs: number): number {
  if (steps.has(fault.kind)) return Math.min(spanMs, fault.injectedMs ?? fault.injectStartMs ?? spanMs);
  return Math.min(spanMs, fault.revertStartMs ?? spanMs);
}
const steps = new Set(['restore', 'rebuild', 'switchover', 'promote']);

function lanesOf(result: StoredResult, events: readonly RunEvent[], s: (ms: number) => number): Lane[] {
  const load = result.load;
  const window = (tone: string, label: string) => (w: { startMs: number; endMs: number }): LaneItem => ({ fromS: s(w.startMs), toS: s(w.endMs), tone, label: `${label} ${formatMs(w.endMs - w.startMs)}` });
  const lanes: Lane[] = [
    { name: 'outages', items: (load?.outages.windows ?? []).map(window('outage', 'outage')) },
    { name: 'write outages', items: (load?.writes ?? 0) > 0 ? (load?.writeOutages.windows ?? []).map(window('outage', 'write outage')) : [] },
    { name: 'degraded', items: (load?.degraded.windows ?? []).map(window('degraded', 'degraded')) },
    {
      name: 'load balancer',
      items: events.filter((e) => e.type === 'lb-server' && typeof e.data.loadMs === 'number' && e.data.loadMs >= 0)
        .map((e) => ({ fromS: s(e.data.loadMs as number), tone: String(e.data.to).toLowerCase().startsWith('up') ? 'up' : 'down', label: `${String(e.data.server)} ${String(e.data.from)} → ${String(e.data.to)}` })),
    },
    {
      name: 'controller',
      items: (result.database?.controllerEvents ?? []).filter((e) => e.loadMs >= 0 && !['primary-check-failed', 'lease-wait'].includes(e.type))
        .map((e) => ({ fromS: s(e.loadMs), tone: e.type, label: `${e.type}${typeof e.node === 'string' ? ` ${e.node}` : ''}` })),
    },
    {
      name: 'recovery',
      items: result.drills.flatMap((d) => d.recovery.phases.map((p) => ({ fromS: s(p.startMs), toS: s(p.endMs), tone: p.name, label: `${d.faultId} ${p.name} ${formatMs(p.endMs - p.startMs)}` }))),
    },
  ];
  return lanes.filter((lane) => lane.items.length > 0);
}
