import type { DataState } from './table-checks.js';

/** A disaster on a database node (a disk loss, a kill, a full disk), on the load's time axis. */
export interface Disaster {
  readonly node: string;
  readonly faultId: string;
  readonly atMs: number;
  /** The node's data at the moment it was lost, when it could be read under a lock. */
  readonly reference: DataState | undefined;
  /** The binlog volume was lost too. */
  readonly binlogLost: boolean;
}

/** The phases of a restore, in order; their spans add up to the time from the disaster to a writable node. */
export type RestorePhaseName = 'detect' | 'provision' | 'fetch' | 'copy-back' | 'start' | 'replay' | 'rejoin' | 'verify' | 'promote';
/** The phases of a rebuild, in order; their spans add up to the time from the disaster to a replica caught up again. */
export type RebuildPhaseName = 'detect' | 'provision' | 'clone' | 'prepare' | 'start' | 'rejoin' | 'verify';

export interface RecoveryPhase<Name extends string = RestorePhaseName | RebuildPhaseName | HealPhaseName> {
  readonly name: Name;
  /** Load time, ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly detail: string;
}

/** Where a restore replayed binary logs from. */
export type ReplaySource = 'local' | 'archive' | 'none';

/** How one table compared after the restore. */
export interface TableVerification {
  readonly table: string;
  readonly check: string;
  readonly rows: number;
  readonly checksum: string | null;
  /** `match` / `mismatch` against the reference at the same GTID; `no-reference` when there was none there; `missing` when the table is gone. */
  readonly reference: 'match' | 'mismatch' | 'no-reference' | 'missing' | 'extra';
  readonly referenceRows: number | null;
  readonly referenceChecksum: string | null;
}

export type RestorePhase = RecoveryPhase<RestorePhaseName>;

/** What one restore step did, and whether the data came back. */
export interface RestoreReport {
  readonly kind: 'restore';
  readonly faultId: string;
  readonly node: string;
  /** What the restored node became: the writable primary, or a replica catching up. */
  readonly role: 'primary' | 'replica';
  readonly disaster: Disaster | undefined;
  /** The backup restored, and how old it was when the disaster hit (ms; `null` without a disaster or a known time). */
  readonly backup: { readonly id: string; readonly gtid: string; readonly readyAtLoadMs: number | null; readonly ageAtDisasterMs: number | null } | undefined;
  readonly source: ReplaySource;
  /** The GTID the restore aimed at, and what the restored node reached. */
  readonly targetGtid: string | undefined;
  readonly reachedGtid: string | undefined;
  /** The newest transaction the replay source held (for `to: 'failure'`, the target). */
  readonly lastAvailableGtid: string | undefined;
  readonly phases: readonly RestorePhase[];
  readonly tables: readonly TableVerification[];
  /** True when every check passed: the node is back, at its target, every table sound and matching its reference where there was one. */
  readonly ok: boolean;
  /** Why not, in words a person understands. */
  readonly problems: readonly string[];
}

/** What one rebuild step did: a node cloned from the primary, and whether it replicates again. */
export interface RebuildReport {
  readonly kind: 'rebuild';
  readonly faultId: string;
  readonly node: string;
  readonly disaster: Disaster | undefined;
  /** The node it was cloned from (the primary then), and the clone's size and GTID. */
  readonly source: string | undefined;
  readonly cloneBytes: number | undefined;
  readonly cloneGtid: string | undefined;
  /** The primary's GTID it had caught up with when the rejoin ended. */
  readonly caughtUpGtid: string | undefined;
  readonly phases: readonly RecoveryPhase<RebuildPhaseName>[];
  readonly tables: readonly TableVerification[];
  /** True when the node replicates from the primary again, caught up, with every table sound. */
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** The phases of a healed disaster (a full disk): how long it lasted. */
export type HealPhaseName = 'full';

/** A disaster that ends by itself being undone (space freed on a full disk): no node is replaced. */
export interface HealReport {
  readonly kind: 'heal';
  readonly faultId: string;
  readonly node: string;
  readonly disaster: Disaster | undefined;
  /** From the disaster to the heal (the ballast removed). */
  readonly phases: readonly RecoveryPhase<HealPhaseName>[];
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** A recovery's report: a restore from the backup store, a rebuild from the primary, or a healed disaster. */
export type RecoveryReport = RestoreReport | RebuildReport | HealReport;
