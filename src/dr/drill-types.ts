import type { DataState } from './table-checks.js';

/** A disaster on a database node (a disk loss), on the load's time axis. */
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
export type RestorePhaseName = 'detect' | 'provision' | 'fetch' | 'copy-back' | 'start' | 'replay' | 'verify' | 'promote';

export interface RestorePhase {
  readonly name: RestorePhaseName;
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

/** What one restore step did, and whether the data came back. */
export interface RestoreReport {
  readonly faultId: string;
  readonly node: string;
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
