import { OpMask } from '../metrics/op-mask.js';
import { outageWindows } from '../metrics/outage-windows.js';
import { phaseColumn, splitPhases } from '../metrics/phases.js';
import { faultRecovery } from '../metrics/recovery.js';
import type { RequestSamples } from '../metrics/request-samples.js';
import { requestStats, requestStatsProvider, type RequestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan, TagFilter } from '../scenario/plan.js';
import { evaluateSlo, type SloResult } from '../slo/slo-eval.js';
import type { FaultRecord } from './fault-record.js';
import type { LoadReport, PhaseReport } from './run-result.js';

export interface LoadAnalysis {
  readonly report: LoadReport;
  readonly slos: SloResult[];
  /** Stats per tag filter (for k6 submetrics in the summary). */
  readonly statsFor: (filter: TagFilter) => RequestStats;
}

/**
 * Turns the recorded requests and faults into the load report and the SLO results. Pure: the
 * same samples always give the same figures, so `faultline report` can re-render a run later.
 */
export function analyseLoad(plan: ScenarioPlan, samples: RequestSamples, faults: readonly FaultRecord[], durationMs: number, plannedRequests: number): LoadAnalysis {
  // Measure from when each fault was actually injected, not when it was planned.
  const injected = faults
    .filter((fault) => fault.injectStartMs !== undefined)
    .map((fault) => ({
      id: fault.id,
      atMs: fault.injectStartMs!,
      healAtMs: fault.revertStartMs,
      label: fault.label,
      durationMs: plan.timeline.find((p) => p.id === fault.id)?.durationMs,
    }));
  const recoveries = faultRecovery(samples, injected, { sustainMs: plan.slo.sustainMs, timeoutMs: plan.load.timeoutMs });
  const spans = splitPhases(injected, recoveries, durationMs);
  const phases = phaseColumn(samples, spans);
  const statsFor = requestStatsProvider(samples, { runDurationMs: durationMs, phases });
  const stats = statsFor({});
  const outages = outageWindows(samples);
  const writeOutages = outageWindows(samples, { opMask: OpMask.write });

  const phaseReports: PhaseReport[] = spans.map((span) => {
    const inSpan = requestStats(sliceByScheduled(samples, span.fromMs, span.toMs), { runDurationMs: span.toMs - span.fromMs });
    return { span, counts: inSpan.counts, availability: inSpan.availability, latency: inSpan.http_req_duration.summary() };
  });

  const slos = evaluateSlo({ slo: plan.slo, stats, statsFor, outages, recoveries, faults: injected });
  return {
    report: {
      plannedRequests,
      durationMs,
      counts: stats.counts,
      availability: stats.availability,
      latency: stats.http_req_duration.summary(),
      blocked: stats.http_req_blocked.summary(),
      outages,
      writeOutages,
      recoveries,
      phases: phaseReports,
    },
    slos,
    statsFor,
  };
}

/** The requests scheduled in `[fromMs, toMs)`; samples are in schedule order, so this is a view. */
function sliceByScheduled(samples: RequestSamples, fromMs: number, toMs: number): RequestSamples {
  const first = lowerBound(samples.scheduledMs, samples.length, fromMs);
  const end = lowerBound(samples.scheduledMs, samples.length, toMs);
  return {
    length: end - first,
    scheduledMs: samples.scheduledMs.subarray(first, end),
    sentMs: samples.sentMs.subarray(first, end),
    endMs: samples.endMs.subarray(first, end),
    outcome: samples.outcome.subarray(first, end),
    op: samples.op.subarray(first, end),
    status: samples.status.subarray(first, end),
  };
}

function lowerBound(values: Float64Array, length: number, target: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
