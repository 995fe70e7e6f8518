import type { ConvergenceResult } from '../ledger/convergence.js';
import type { LedgerResult } from '../ledger/check-ledger.js';
import { checkSingleWriter, type SingleWriterResult, type WriterRound } from '../ledger/single-writer.js';
import type { RequestSamples } from '../metrics/request-samples.js';
import type { ControllerEvent } from '../stack/controller-client.js';
import type { StartedStack } from '../stack/reference-stack.js';
import { awaitConvergence, readLedger } from './data-checks.js';
import type { DatabaseWatch, LagCrossing, LagSample, ReplicationMode, ReplicationModeChange, ReplicationModeSample } from './database-watch.js';
import type { FaultRecord } from './fault-record.js';

/** What the database tier showed: lost writes, single writer, convergence, replication, the controller's steps. */
export interface DatabaseReport {
  readonly ledger: LedgerResult | undefined;
  readonly singleWriter: SingleWriterResult | undefined;
  readonly convergence: ConvergenceResult | undefined;
  /** Every round of the single-writer watch: each node's reading with its own time (the check's evidence). */
  readonly writerRounds: readonly WriterRound[];
  /**
   * Replication just before each fault: lag (transactions not yet applied) and the primary's
   * mode (`null` when not sampled). A lossless claim for semi-sync holds only if the mode was
   * `semi-sync` when the primary was lost.
   */
  readonly lagAtFaults: readonly {
    readonly faultId: string;
    readonly transactionsBehind: number | null;
    readonly replicationMode: ReplicationMode | null;
  }[];
  /** The primary's replication mode, sampled through the run (every ~250 ms while one node is writable). */
  readonly replicationModes: readonly ReplicationModeSample[];
  /** Changes of mode or primary, e.g. semi-sync falling back to async. */
  readonly replicationModeChanges: readonly ReplicationModeChange[];
  /** Replication lag sampled through the run, and its threshold crossings. */
  readonly lag: readonly LagSample[];
  readonly lagCrossings: readonly LagCrossing[];
  readonly controllerEvents: readonly (ControllerEvent & { readonly loadMs: number })[];
}

const convergenceTimeoutMs = 30_000;

/**
 * After the load and the heal: reads the ledger from the current primary and, with replication,
 * waits for the nodes to converge. Each check that fails to run is left undefined (and its SLO
 * then has nothing to judge), it never hides as a pass.
 */
export async function checkDatabase(
  stack: StartedStack,
  runTag: string,
  samples: RequestSamples,
  faults: readonly FaultRecord[],
  watch: DatabaseWatch | undefined,
  note: (type: string, data: Record<string, unknown>) => void,
): Promise<DatabaseReport> {
  let ledger: LedgerResult | undefined;
  try {
    ledger = await readLedger(stack, runTag, samples);
    note('ledger', {
      attempted: ledger.attempted, acknowledged: ledger.acknowledged, lost: ledger.lost.length, phantom: ledger.phantom.length,
      unknownPresent: ledger.unknownPresent.length, unknownAbsent: ledger.unknownAbsent.length,
      unexpected: ledger.unexpected.length, corrupted: ledger.corrupted?.length ?? null,
      lostIds: ledger.lost.slice(0, 100).map((i) => `${runTag}-${i}`),
      ...(ledger.unexpected.length > 0 ? { unexpectedIds: ledger.unexpected.slice(0, 20) } : {}),
      ...(ledger.corrupted?.length ? { corruptedIds: ledger.corrupted.slice(0, 20).map((i) => `${runTag}-${i}`) } : {}),
    });
  } catch (error) {
    note('ledger-failed', { error: error instanceof Error ? error.message : String(error) });
  }
  let convergence: ConvergenceResult | undefined;
  if (stack.plan.db.nodes.length > 1) {
    convergence = await awaitConvergence(stack, convergenceTimeoutMs).catch(() => undefined);
    note('convergence', { converged: convergence?.converged ?? false, detail: convergence?.detail ?? 'could not be checked' });
  }
  const injected = faults.filter((f) => f.injectStartMs !== undefined);
  const singleWriter = watch
    ? checkSingleWriter(watch.rounds, injected.map((f) => ({ id: f.id, label: f.label, startMs: f.injectStartMs!, endMs: f.revertedMs })))
    : undefined;
  return {
    ledger,
    singleWriter,
    convergence,
    writerRounds: watch?.rounds ?? [],
    lagAtFaults: injected.map((fault) => ({
      faultId: fault.id,
      transactionsBehind: watch?.lagAt(fault.injectStartMs!)?.transactionsBehind ?? null,
      replicationMode: watch?.modeAt(fault.injectStartMs!)?.mode ?? null,
    })),
    replicationModes: watch?.modes ?? [],
    replicationModeChanges: watch?.modeChanges ?? [],
    lag: watch?.lag ?? [],
    lagCrossings: watch?.lagCrossings ?? [],
    controllerEvents: watch?.controllerEvents ?? [],
  };
}
