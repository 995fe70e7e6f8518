import type { FaultInput } from '../faults/catalogue.js';

/**
 * The user-facing shape of a scenario file. Everything here is plain data: a scenario file is
 * `export default defineScenario({...})`, and `resolveScenario()` turns it into a {@link ScenarioPlan}.
 */

/** A duration: `'250ms'`, `'10s'`, `'1.5m'`, `'1h'`, or a number of milliseconds. */
export type Duration = string | number;

/** An app replica of the reference stack: `app-1` … `app-N`. */
export type AppServiceName = `app-${number}`;

/**
 * A service of the reference stack. A typo such as `'app1'` or `'reddis'` fails to type-check;
 * a replica number beyond `stack.app.replicas` fails validation.
 */
export type ServiceName = 'lb' | AppServiceName | 'redis' | DbServiceName | 'proxy' | 'controller' | 'backup';

/** MariaDB nodes: `db-1` is the initial primary, `db-2` its replica when replication is on. */
export type DbServiceName = 'db-1' | 'db-2';

/**
 * A link: a directed connection between two services, routed through the fault proxy. `client`
 * is the load generator. `client->lb`, `lb->app-N`, `app-N->redis`, `app-N->db-1`.
 */
export type LinkName = 'client->lb' | `lb->${AppServiceName}` | `${AppServiceName}->redis` | `${AppServiceName}->${DbServiceName}`
  | 'db-2->db-1' | 'db-1->db-2' | 'db-2->db-1:clone' | 'db-1->db-2:clone' | `${DbServiceName}->backup` | `backup->${DbServiceName}`;

/** Where a network fault acts: one link, or a service (every link into it). */
export type LinkTarget = LinkName | ServiceName;

/**
 * Which bytes of a link a toxic acts on: `downstream` = server → client (responses),
 * `upstream` = client → server (requests), `both`.
 */
export type LinkDirection = 'upstream' | 'downstream' | 'both';

/** Signals a `kill` fault may send. */
export type KillSignal = 'SIGKILL' | 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR1' | 'SIGUSR2';

/** One step of the timeline: a fault (one of the kinds in the fault catalogue, `src/faults/`) injected `at` a time after load starts. */
export interface TimelineEntryInput {
  readonly at: Duration;
  readonly fault: FaultInput;
}

/** The app replicas behind the load balancer. */
export interface AppInput {
  /** @default 2 */
  readonly replicas?: number;
  /** Your own app image. It must follow the app contract in the README. @default faultline's reference app */
  readonly image?: string;
  /** Port the app listens on inside its container. @default 8080 */
  readonly port?: number;
  /** Extra environment variables for every replica. */
  readonly env?: Readonly<Record<string, string>>;
}

/** HAProxy tuning. The defaults detect a dead replica in about half a second. */
export interface LbInput {
  /**
   * Health-check interval while a server is up (also the check's timeout). Until a dead replica
   * is detected the LB keeps routing to it, so this bounds what a replica's death costs. @default '250ms'
   */
  readonly checkInterval?: Duration;
  /** Consecutive failed checks before a server is marked down. @default 2 */
  readonly fall?: number;
  /** Consecutive passed checks before a server is back in rotation. @default 2 */
  readonly rise?: number;
  /** Connection retries per request. @default 3 */
  readonly retries?: number;
  /** Retry on another server (HAProxy `option redispatch 1`). @default true */
  readonly redispatch?: boolean;
  /** How long HAProxy waits for an app response. @default '5s' */
  readonly serverTimeout?: Duration;
  /**
   * How long HAProxy waits to connect to an app. It is also HAProxy's pause before retrying a
   * refused connection on another server, so keep it short. @default '100ms'
   */
  readonly connectTimeout?: Duration;
  /** Concurrent requests HAProxy sends one app; the rest wait in HAProxy's queue. @default 100 */
  readonly maxConnPerApp?: number;
}

/** The fault proxy every link goes through. */
export interface ProxyInput {
  /**
   * Route links through the fault proxy. Without it network faults are unavailable and services
   * talk directly. @default true
   */
  readonly enabled?: boolean;
  /**
   * Another Toxiproxy-compatible image, e.g. `ghcr.io/shopify/toxiproxy:2.12.0`; it is started with
   * `-host=0.0.0.0 -config=<file>`. @default faultline's own proxy
   */
  readonly image?: string;
}

/** The database tier: one MariaDB primary, or a primary with a replica and a failover controller. */
export interface DbInput {
  /**
   * `'none'`: db-1 alone. `'async'` or `'semi-sync'`: db-1 primary, db-2 GTID replica (semi-sync
   * waits AFTER_SYNC, lossless), and a failover controller that promotes db-2 when db-1 fails.
   * @default 'none'
   */
  readonly replication?: 'none' | 'async' | 'semi-sync';
  /**
   * A backup service: full backups of the primary on an interval, and optionally a continuous
   * binlog archive, into a store on its own volume that a disk loss on a database node cannot
   * touch, reached over its own links through the fault proxy (`db-1->backup` for uploads,
   * `backup->db-1` for the archive), so "off site" can be slowed or cut. Omit for none.
   */
  readonly backup?: BackupInput;
}

/** The backup service of the reference stack (`stack.db.backup`). */
export interface BackupInput {
  /** How often the primary takes a full backup (mariadb-backup, prepared by the store on arrival). @default '20s' */
  readonly interval?: Duration;
  /** Stream binary logs into the store as they are written (point-in-time recovery to seconds before a disaster). @default true */
  readonly binlogArchive?: boolean;
}

/** The failover controller (only with replication). */
export interface ControllerInput {
  /** How often it checks the primary. @default '500ms' */
  readonly checkInterval?: Duration;
  /** Consecutive failed checks before the primary is declared down. @default 3 */
  readonly failureThreshold?: number;
  /** How long an isolated primary keeps writing before it fences itself; promotion waits it out. @default '2s' */
  readonly leaseTtl?: Duration;
  /**
   * Minimum time between two failovers (anti-flap). A failover it blocks is reported, never
   * silent. @default '0s'
   */
  readonly failoverCooldown?: Duration;
}

export interface StackInput {
  readonly app?: AppInput;
  readonly lb?: LbInput;
  readonly proxy?: ProxyInput;
  readonly db?: DbInput;
  readonly controller?: ControllerInput;
}

/** Open-loop load: requests are sent at a constant arrival rate whatever the system does. */
export interface LoadInput {
  /** Requests per second. */
  readonly rate: number;
  /** How long load runs. */
  readonly duration: Duration;
  /** Share of reads and writes; they must add up to 1 (give one and the other is the rest). @default { read: 0.9, write: 0.1 } */
  readonly mix?: { readonly read?: number; readonly write?: number };
  /** Per-request timeout, measured from the request's scheduled time. @default '1s' */
  readonly timeout?: Duration;
  /** Upper bound on open connections. @default rate × timeout × 1.5 + 16, at most 4096 */
  readonly maxConnections?: number;
  /**
   * Warm-up before measured load, excluded from every figure and objective: the arrival rate
   * ramps from 0 to `rate` over this long (as k6's ramping-arrival-rate), then holds until latency
   * is steady. `0` starts measured load cold. An object sets the ramp, the steadiness window and
   * the longest hold. A stack that never settles voids the run (`errored`). Timeline `at` times
   * count from the start of measured load. @default '5s'
   */
  readonly warmup?: Duration | WarmupInput;
  /**
   * How late the load generator may be before its own lateness, not the system, is blamed: a
   * request issued this long after it was due, or an event-loop stall this long, makes the
   * verdict `unknown` ("load generator fell behind"). @default '100ms'
   */
  readonly lateTolerance?: Duration;
}

export interface WarmupInput {
  /** Ramp from 0 to the load's rate. @default '5s' */
  readonly ramp?: Duration;
  /** Latency is steady when two consecutive windows of this length agree. @default '1s' */
  readonly window?: Duration;
  /** Give up (the run errors) when latency is not steady this long after the ramp. @default '30s' */
  readonly maxHold?: Duration;
}

/**
 * A k6 threshold: `'p(95)<500'`, `'rate<0.01'`, or the object form. With `abortOnFail` the run
 * stops (faults reverted, verdict failed) as soon as the threshold is crossed, checked every 2 s
 * as k6 does, but not before `delayAbortEval` of measured load.
 */
export type ThresholdInput = string | { readonly threshold: string; readonly abortOnFail?: boolean; readonly delayAbortEval?: Duration };

/** Service-level objectives. Each one becomes one check in summary.json and one JUnit testcase. */
export interface SloInput {
  /** Minimum request-based availability: `'99.5%'` or `0.995`. */
  readonly availability?: string | number;
  /** Longest client-observed outage allowed. */
  readonly longestOutage?: Duration;
  /** Total client-observed outage allowed over the run. */
  readonly totalOutage?: Duration;
  /**
   * An outage ends at the first ok answer followed by this long (by schedule) of nothing but ok
   * requests, so one lucky success does not split it. @default '250ms'
   */
  readonly outageSustain?: Duration;
  /** Degraded time: buckets whose error rate is above a bound, reported always, gated when `longest` or `total` is set. */
  readonly degraded?: DegradedInput;
  /** Longest time from any fault to sustained recovery. */
  readonly recovery?: Duration;
  /**
   * Longest time from a fault's end (its revert: heal, thaw, restart) to sustained recovery, for
   * faults that end during load.
   */
  readonly recoveryAfterHeal?: Duration;
  /** Longest client-observed outage of writes allowed. */
  readonly writeOutage?: Duration;
  /**
   * Acknowledged writes missing from the database after recovery (the ledger: every write's id
   * and value checked against the table on the current primary). A number is the most allowed;
   * `{ min }` states a loss the scenario sets out to demonstrate (e.g. async replication), so its
   * pass means "the loss happened and was measured". Writes reported failed yet present
   * ("phantoms"), stored values that differ, and ids no write of the run used always fail it.
   */
  readonly lostWrites?: number | { readonly min?: number; readonly max?: number };
  /** Never more than one writable database node, sampled every 500 ms through the run. @default true with replication */
  readonly singleWriter?: boolean;
  /** After the faults are healed, every database node replicates and holds the same data (GTID and checksum). */
  readonly convergence?: boolean;
  /**
   * Every restore on the timeline happened, reached its target and brought the data back (CHECK
   * TABLE, and rows and checksums against the reference taken when the disaster hit). `'must-fail'`:
   * the scenario damages the backup, and passes only when every restore is caught. @default true
   */
  readonly restoreVerified?: boolean | 'must-fail';
  /** Recovery time objective: from each disaster to sustained successful writes through the load balancer. */
  readonly rto?: Duration;
  /**
   * Recovery point objective: the time between the disaster and the newest acknowledged write
   * present after the restore (`'2s'`), and/or the acknowledged writes lost (`{ lostWrites: 0 }`).
   */
  readonly rpo?: Duration | { readonly time?: Duration; readonly lostWrites?: number };
  /** How long requests must keep succeeding to call recovery sustained. @default '2s' */
  readonly sustain?: Duration;
  /**
   * The steady state (a read and a write through the LB) must hold again after the faults are
   * reverted. `false` only for a scenario that ends broken by design (a drill on a damaged backup
   * leaves no writable database); the check then runs for 5 s, and is journaled. @default true
   */
  readonly steadyStateAfter?: boolean;
  /**
   * k6 thresholds on `http_req_duration`, `http_req_failed`, `http_reqs` (and `http_req_blocked`),
   * optionally filtered by tag: `phase` (before|during|after) and `op` (read|write),
   * e.g. `'http_req_duration{phase:during}': ['p(99)<800']`.
   */
  readonly thresholds?: Readonly<Record<string, readonly ThresholdInput[]>>;
}

export interface DegradedInput {
  /** A bucket is degraded when more than this share of its requests is not ok: `'5%'` or `0.05`. @default '1%' */
  readonly errorRate?: string | number;
  /** Bucket width, by scheduled time. @default '1s' */
  readonly bucket?: Duration;
  /** Longest degraded window allowed. */
  readonly longest?: Duration;
  /** Total degraded time allowed. */
  readonly total?: Duration;
}

export interface ScenarioInput {
  /** Unique, kebab-case. Used in report folder names and JUnit. */
  readonly name: string;
  readonly description?: string;
  readonly stack?: StackInput;
  readonly load: LoadInput;
  readonly timeline?: readonly TimelineEntryInput[];
  readonly slo?: SloInput;
  /** Upper bound on the whole run, stack start-up and warm-up included. @default load.duration + the longest warm-up + 5m */
  readonly deadline?: Duration;
}
