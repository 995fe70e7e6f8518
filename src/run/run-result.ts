import type { BackupSummary } from '../dr/backup-watch.js';
import type { DrillFigures } from '../dr/drill-figures.js';
import type { DegradedSummary } from '../metrics/degraded-windows.js';
import type { GeneratorLag } from '../metrics/generator-lag.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import type { WindowFigures } from '../load/steadiness.js';
import type { PhaseSpan } from '../metrics/phases.js';
import type { FaultRecovery } from '../metrics/recovery.js';
import type { RequestCounts } from '../metrics/request-stats.js';
import type { TrendStats } from '../metrics/trend-stats.js';
import type { RequestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan, TagFilter } from '../scenario/plan.js';
import type { ThresholdAbort } from '../slo/abort-on-fail.js';
import type { SloResult } from '../slo/slo-result.js';
import type { Verdict } from '../slo/verdict.js';
import type { DatabaseReport } from './database-checks.js';
import type { FaultRecord } from './fault-record.js';

/** Latency and counts for one phase of the run. */
export interface PhaseReport {
  readonly span: PhaseSpan;
  readonly counts: RequestCounts;
  readonly availability: number | null;
  /** `http_req_duration`: send → end. */
  readonly latency: TrendStats;
  /** `faultline_response_time`: due → end. */
  readonly responseTime: TrendStats;
}

/** The warm-up before measured load (excluded from every other figure). */
export interface WarmupSummary {
  readonly steady: boolean;
  readonly rampMs: number;
  readonly holdMs: number;
  readonly windows: readonly WindowFigures[];
  readonly detail: string;
  readonly counts: RequestCounts;
  readonly latency: TrendStats;
}

/** Everything measured about the load, computed from the per-request samples. */
export interface LoadReport {
  readonly plannedRequests: number;
  /** How long load actually ran (shorter than planned if interrupted). */
  readonly durationMs: number;
  readonly counts: RequestCounts;
  /** Writes among the requests. */
  readonly writes: number;
  readonly availability: number | null;
  readonly latency: TrendStats;
  readonly responseTime: TrendStats;
  readonly blocked: TrendStats;
  readonly outages: OutageSummary;
  /** Outages seen by writes only. */
  readonly writeOutages: OutageSummary;
  readonly degraded: DegradedSummary;
  readonly recoveries: readonly FaultRecovery[];
  readonly phases: readonly PhaseReport[];
  /** Requests the load generator was behind for, and why. */
  readonly generatorLag: GeneratorLag;
  readonly warmup: WarmupSummary | undefined;
}

export interface SteadyStateReport {
  readonly ok: boolean;
  readonly detail: string;
}

/** The outcome of one scenario run: what every reporter renders. */
export interface RunResult {
  readonly runId: string;
  readonly plan: ScenarioPlan;
  readonly verdict: Verdict;
  readonly exitCode: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  /** Why the run errored or was interrupted. */
  readonly reason: string | undefined;
  readonly stackStartupMs: Readonly<Record<string, number>>;
  readonly faults: readonly FaultRecord[];
  readonly load: LoadReport | undefined;
  readonly steadyStateBefore: SteadyStateReport | undefined;
  readonly steadyStateAfter: SteadyStateReport | undefined;
  readonly slos: readonly SloResult[];
  /** Lost writes, single writer, convergence, replication lag, controller steps (with a database tier worth checking). */
  readonly database: DatabaseReport | undefined;
  readonly teardownFailures: readonly { readonly name: string; readonly error: string }[];
  /** A threshold with `abortOnFail` that stopped the run early. */
  readonly thresholdAbort: ThresholdAbort | undefined;
  /** Backups taken and the binlog archive, with `stack.db.backup`. */
  readonly backups: BackupSummary | undefined;
  /** RTO and RPO of each restore drill, with its phases. */
  readonly drills: readonly DrillFigures[];
  readonly reportDir: string;
  /** Request stats per tag filter, for k6 submetrics; absent when no load ran. */
  readonly statsFor: ((filter: TagFilter) => RequestStats) | undefined;
}
