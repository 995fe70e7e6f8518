import type { FaultPlan } from '../faults/catalogue.js';
import type { SloObjectives } from '../slo/catalogue.js';

/**
 * The resolved shape of a scenario: defaults applied, durations in milliseconds, service names
 * checked. Everything after `resolveScenario()` handles only this shape.
 */
export interface ScenarioPlan {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the scenario file, when it came from one. */
  readonly file: string | undefined;
  readonly stack: StackPlan;
  readonly load: LoadPlan;
  readonly timeline: readonly FaultPlan[];
  readonly slo: SloPlan;
  readonly deadlineMs: number;
}

export type ServiceRole = 'lb' | 'app' | 'cache' | 'db' | 'proxy' | 'controller' | 'backup';

export interface ServicePlan {
  readonly name: string;
  readonly role: ServiceRole;
  /** Services that must be healthy before this one starts. */
  readonly dependsOn: readonly string[];
}

export interface AppPlan {
  readonly replicas: number;
  /** `undefined` means faultline's reference app image. */
  readonly image: string | undefined;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
}

export interface LbPlan {
  readonly checkIntervalMs: number;
  readonly fall: number;
  readonly rise: number;
  readonly retries: number;
  readonly redispatch: boolean;
  readonly serverTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxConnPerApp: number;
}

/** A directed connection between two services, routed through the fault proxy. */
export interface LinkPlan {
  /** `from->to`, e.g. `app-2->redis`; also the proxy's name on the fault proxy. */
  readonly name: string;
  /** A service name, or `client` for the load generator. */
  readonly from: string;
  readonly to: string;
  /** The port `to` listens on. */
  readonly toPort: number;
  /** The port the fault proxy listens on for this link. */
  readonly listenPort: number;
}

export interface ProxyPlan {
  readonly enabled: boolean;
  /** `undefined` means faultline's own proxy image. */
  readonly image: string | undefined;
  readonly apiPort: number;
}

export interface DbPlan {
  readonly replication: 'none' | 'async' | 'semi-sync';
  /** `db-1`, or `db-1` and `db-2`. */
  readonly nodes: readonly string[];
  /** The backup service; `undefined` without one. */
  readonly backup: BackupPlan | undefined;
  /**
   * Disks a fault on the timeline will fill (`diskFull`): these are size-limited file systems
   * from the start of the run instead of volumes. @default none
   */
  readonly limitedDisks?: readonly LimitedDisk[];
}

/** A database node's binlog disk, limited to `sizeBytes` so that it can be filled. */
export interface LimitedDisk {
  readonly node: string;
  readonly disk: 'binlog';
  readonly sizeBytes: number;
}

/** Full backups of the primary every `intervalMs` into the backup store, and optionally a binlog archive. */
export interface BackupPlan {
  readonly intervalMs: number;
  readonly binlogArchive: boolean;
}

export interface ControllerPlan {
  readonly checkIntervalMs: number;
  readonly failureThreshold: number;
  readonly leaseTtlMs: number;
  readonly failoverCooldownMs: number;
}

export interface StackPlan {
  readonly services: readonly ServicePlan[];
  readonly db: DbPlan;
  /** `undefined` without replication. */
  readonly controller: ControllerPlan | undefined;
  readonly app: AppPlan;
  readonly lb: LbPlan;
  readonly proxy: ProxyPlan;
  /** Empty when the proxy is disabled. */
  readonly links: readonly LinkPlan[];
}

/**
 * Warm-up before measured load: the arrival rate ramps linearly from 0 to the load's rate over
 * `rampMs` (as k6's ramping-arrival-rate), then holds at the rate until latency is steady (two
 * consecutive windows of `windowMs` agree), for at most `maxHoldMs`.
 */
export interface WarmupPlan {
  readonly rampMs: number;
  readonly windowMs: number;
  readonly maxHoldMs: number;
}

export interface LoadPlan {
  readonly rate: number;
  readonly durationMs: number;
  /** Probability that a request is a read; the rest are writes. */
  readonly readRatio: number;
  readonly timeoutMs: number;
  readonly maxConnections: number;
  /** `undefined` when `load.warmup` is 0: measured load starts cold. */
  readonly warmup: WarmupPlan | undefined;
  /**
   * A request issued more than this after it was due, or an event-loop stall longer than this,
   * means the generator fell behind its schedule.
   */
  readonly lateToleranceMs: number;
}

/** One toxic a network fault puts on one direction of one link. */
export interface ToxicPlan {
  readonly link: string;
  readonly stream: 'upstream' | 'downstream';
  /** Toxiproxy toxic type. */
  readonly type: 'latency' | 'bandwidth' | 'timeout' | 'reset_peer' | 'slow_close';
  readonly attributes: Readonly<Record<string, number>>;
}

/**
 * What every fault on the timeline has. Each kind adds its own fields; the union of them all is
 * `FaultPlan` in the fault catalogue (`src/faults/catalogue.ts`).
 */
export interface FaultPlanBase {
  /** `fault-1`, `fault-2`, … in timeline order. */
  readonly id: string;
  readonly kind: string;
  /** The service (node faults, isolate) or what the user named (network faults). */
  readonly target: string;
  /** Services a fault touches: its target, or both sides of every link it acts on. */
  readonly services: readonly string[];
  /** Offset from load start. */
  readonly atMs: number;
  /** How long the fault lasts before its revert runs; `undefined` for instantaneous faults. */
  readonly durationMs: number | undefined;
  /** A short human description, e.g. `kill app-1 (SIGKILL), restart after 5s`. */
  readonly label: string;
}

export type ThresholdMetric = 'http_req_duration' | 'http_req_failed' | 'http_reqs' | 'http_req_blocked' | 'faultline_response_time';

/** A request tag filter in a threshold key, e.g. `{phase:during}`. */
export interface TagFilter {
  readonly phase?: 'before' | 'during' | 'after';
  readonly op?: 'read' | 'write';
  /** k6's `expected_response` tag: `true` selects requests that succeeded (ok), `false` the rest. */
  readonly expectedResponse?: boolean;
}

export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface ThresholdPlan {
  /** The metric key as written, e.g. `http_req_duration{phase:during}`. */
  readonly key: string;
  readonly metric: ThresholdMetric;
  readonly tags: TagFilter;
  /** The threshold source exactly as written, e.g. `p(95)<500`. */
  readonly source: string;
  /** `avg`, `min`, `max`, `med`, `p(95)`, `rate`, `count`. */
  readonly aggregation: string;
  readonly op: ThresholdOp;
  readonly value: number;
  /** Stop the run (faults reverted, verdict failed) as soon as the threshold is crossed, as k6's `abortOnFail`. */
  readonly abortOnFail: boolean;
  /** Do not abort before this much measured load (k6's `delayAbortEval`); 0 without it. */
  readonly delayAbortEvalMs: number;
}

/** Degraded windows: buckets whose share of non-ok requests is above a bound. */
export interface DegradedPlan {
  /** 0…1. */
  readonly errorRateAbove: number;
  readonly bucketMs: number;
  readonly longestMaxMs: number | undefined;
  readonly totalMaxMs: number | undefined;
}

/** How objectives are measured, besides the objectives themselves. */
export interface SloSettings {
  /** How long success must hold (by schedule) to count as recovered. */
  readonly sustainMs: number;
  /** How long success must hold to end an outage window. */
  readonly outageSustainMs: number;
  /** The steady state must hold again after the faults (false only for scenarios that end broken by design). */
  readonly steadyStateAfter: boolean;
}

/**
 * The resolved `slo` section: its settings, and one property per objective of the SLO catalogue
 * (`availabilityMin`, `longestOutageMaxMs`, `lostWrites`, `singleWriter`, `thresholds`, …).
 */
export type SloPlan = SloSettings & SloObjectives;
