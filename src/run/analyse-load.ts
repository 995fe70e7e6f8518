import { degradedWindows } from '../metrics/degraded-windows.js';
import { generatorLag } from '../metrics/generator-lag.js';
import { OpMask } from '../metrics/op-mask.js';
import { outageWindows } from '../metrics/outage-windows.js';
import { PhaseCode, spanColumn, splitPhases } from '../metrics/phases.js';
import { faultRecovery } from '../metrics/recovery.js';
import { generatorBehindFlags, Op, type RequestSamples } from '../metrics/request-samples.js';
import { requestStats, requestStatsProvider, type RequestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan, TagFilter } from '../scenario/plan.js';
import { evaluateSlo } from '../slo/slo-eval.js';
import type { SloResult } from '../slo/slo-result.js';
import type { FaultRecord } from './fault-record.js';
import type { LoadReport, PhaseReport, WarmupSummary } from './run-result.js';

export interface LoadAnalysis {
  readonly report: LoadReport;
  readonly slos: SloResult[];
  /** Stats per tag filter (for k6 submetrics in the summary). */
  readonly statsFor: (filter: TagFilter) => RequestStats;
}

/**
 * Turns the recorded requests and faults into the load report and the SLO results. Pure: the
 * same samples always give the same figures, so `faultline report` can re-render a run later.
 *
 * Requests the load generator was behind for (issued late, waiting for its own pool, in flight
 * during a stall of its event loop) are left out of outages, degraded windows and recovery: they
 * say nothing about the system. They still count in the totals, and the verdict is then unknown.
 */
export function analyseLoad(
  plan: ScenarioPlan,
  samples: RequestSamples,
  faults: readonly FaultRecord[],
  durationMs: number,
  plannedRequests: number,
  warmup?: WarmupSummary,
): LoadAnalysis {
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
  const behind = (row: number): boolean => ((samples.flags[row] as number) & generatorBehindFlags) !== 0;
  const recoveries = faultRecovery(samples, injected, { sustainMs: plan.slo.sustainMs, exclude: behind });
  const spans = splitPhases(injected, recoveries, durationMs);
  const spanOf = spanColumn(samples, spans);
  const phases = Uint8Array.from(spanOf, (span) => PhaseCode[spans[span]?.phase ?? 'before']);
  const statsFor = requestStatsProvider(samples, { runDurationMs: durationMs, phases });
  const stats = statsFor({});
  const outageOptions = { sustainMs: plan.slo.outageSustainMs, exclude: behind };
  const outages = outageWindows(samples, outageOptions);
  const writeOutages = outageWindows(samples, { ...outageOptions, opMask: OpMask.write });
  const degraded = degradedWindows(samples, { errorRateAbove: plan.slo.degraded.errorRateAbove, bucketMs: plan.slo.degraded.bucketMs, exclude: behind });

  const phaseReports: PhaseReport[] = spans.map((span, index) => {
    const inSpan = requestStats(samples, { runDurationMs: span.toMs - span.fromMs, include: (row) => spanOf[row] === index });
    return {
      span,
      counts: inSpan.counts,
      availability: inSpan.availability,
      latency: inSpan.http_req_duration.summary(),
      responseTime: inSpan.faultline_response_time.summary(),
    };
  });

  let writes = 0;
  for (let i = 0; i < samples.length; i++) if (samples.op[i] === Op.write) writes++;
  const slos = evaluateSlo({ slo: plan.slo, stats, statsFor, outages, degraded, recoveries, faults: injected, planned: plan.timeline, durationMs });
  return {
    report: {
      plannedRequests,
      durationMs,
      counts: stats.counts,
      writes,
      availability: stats.availability,
      latency: stats.http_req_duration.summary(),
      responseTime: stats.faultline_response_time.summary(),
      blocked: stats.http_req_blocked.summary(),
      outages,
      writeOutages,
      degraded,
      recoveries,
      phases: phaseReports,
      generatorLag: generatorLag(samples),
      warmup,
    },
    slos,
    statsFor,
  };
}
