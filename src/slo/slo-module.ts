import type { DrillFigures } from '../dr/drill-figures.js';
import type { ConvergenceResult } from '../ledger/convergence.js';
import type { LedgerResult } from '../ledger/check-ledger.js';
import type { SingleWriterResult } from '../ledger/single-writer.js';
import type { DegradedSummary } from '../metrics/degraded-windows.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import type { FaultRecovery } from '../metrics/recovery.js';
import type { RequestStats } from '../metrics/request-stats.js';
import type { FaultPlanBase, TagFilter } from '../scenario/plan.js';
import type { ProblemCollector } from '../scenario/problems.js';
import type { SloResult } from './slo-result.js';

/** What the load analysis measured: the evidence of the `load` objectives. */
export interface LoadEvidence {
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
  /** How long success must hold to count as recovered (`slo.sustain`). */
  readonly sustainMs: number;
}

/** What the data checks after a run found; any of them may be missing if its step never ran. */
export interface DataChecks {
  readonly writeOutages: OutageSummary | undefined;
  /** Writes the measured load issued. */
  readonly writesIssued: number;
  readonly ledger: LedgerResult | undefined;
  readonly singleWriter: SingleWriterResult | undefined;
  readonly convergence: ConvergenceResult | undefined;
  /** RTO and RPO of every restore and rebuild that ran. */
  readonly drills?: readonly DrillFigures[];
  /** Every restore and rebuild step the timeline planned (one that never ran did not happen). */
  readonly recoveriesPlanned?: readonly { readonly id: string; readonly label: string; readonly kind: 'restore' | 'rebuild' | 'heal' }[];
}

/** The evidence each stage of judging has. */
export interface SloEvidence {
  /** Judged once the load is analysed. */
  readonly load: LoadEvidence;
  /** Judged after the data checks that follow the faults' revert. */
  readonly data: DataChecks;
}

/** What resolving one objective sees. */
export interface SloResolveContext {
  /** Dotted path of the field, e.g. `slo.availability`. */
  readonly field: string;
  readonly check: ProblemCollector;
  /** The stack has a replicated database (two nodes). */
  readonly replicated: boolean;
  /** The load issues writes. */
  readonly writes: boolean;
}

/**
 * One objective, whole: the field it reads under `slo`, how it is checked and resolved, and how
 * it is judged. One file per objective under `objectives/`, registered in `catalogue.ts`.
 * `V` is the resolved value, held in the plan under `planKey`; `undefined` means not set.
 */
export interface SloModule<K extends string, V, S extends keyof SloEvidence> {
  /** The field under `slo` in a scenario file, e.g. `availability`. */
  readonly field: string;
  /** Where the resolved value lives in `SloPlan`, e.g. `availabilityMin`. */
  readonly planKey: K;
  /** Which evidence it judges. */
  readonly stage: S;
  /** Checks the input (`undefined` when absent) and resolves it; problems go to `context.check`. */
  resolve(input: unknown, context: SloResolveContext): V;
  /** How `faultline validate` lists the objective, e.g. `availability ≥ 99.5%`; none when not set. */
  describe(value: V): readonly string[];
  /** Results for the resolved value: none when the objective is not set. */
  evaluate(value: V, evidence: SloEvidence[S]): readonly SloResult[];
}

/** Identity helper that types an SLO module. */
export function defineSlo<K extends string, V, S extends keyof SloEvidence>(module: SloModule<K, V, S>): SloModule<K, V, S> {
  return module;
}
