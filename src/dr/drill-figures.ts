import type { LedgerResult } from '../ledger/check-ledger.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import { Op, Outcome, type RequestSamples } from '../metrics/request-samples.js';
import type { RestoreReport } from './drill-types.js';

/** One drill's two numbers, with what they are made of. */
export interface DrillFigures {
  /** The restore step this drill is about. */
  readonly faultId: string;
  readonly node: string;
  readonly disasterAtMs: number | null;
  /**
   * Recovery time: from the disaster to the answer of the first write through the load balancer
   * after which writes succeeded for the outage sustain window (the end of the write outage the
   * disaster opened). `null` when writes never recovered before the data ended.
   */
  readonly rtoMs: number | null;
  /** The restore's phases, then `re-route` (from the end of the restore to that write); their sum is the RTO. */
  readonly breakdown: readonly { readonly name: string; readonly ms: number }[];
  /**
   * Recovery point, as time: the disaster minus the answer time of the newest acknowledged write
   * present after the restore (an upper bound on its commit time). `null` without a disaster.
   */
  readonly rpoMs: number | null;
  /** Recovery point, as count: acknowledged writes (answered before the disaster) missing after it. */
  readonly rpoCount: number;
  /** Their ids, oldest first (at most 50 listed). */
  readonly lostIds: readonly string[];
  /** How old the restored backup was when the disaster hit. */
  readonly backupAgeMs: number | null;
  readonly restore: RestoreReport;
}

export interface DrillInputs {
  readonly restores: readonly RestoreReport[];
  readonly samples: RequestSamples;
  readonly runTag: string;
  readonly ledger: LedgerResult | undefined;
  readonly writeOutages: OutageSummary | undefined;
}

/** RTO and RPO for every restore of the run, from the write outages and the ledger. Pure. */
export function drillFigures(inputs: DrillInputs): DrillFigures[] {
  return inputs.restores.map((restore) => figuresOf(restore, inputs));
}

function figuresOf(restore: RestoreReport, { samples, runTag, ledger, writeOutages }: DrillInputs): DrillFigures {
  const disasterAtMs = restore.disaster?.atMs ?? null;
  const base = { faultId: restore.faultId, node: restore.node, disasterAtMs, backupAgeMs: restore.backup?.ageAtDisasterMs ?? null, restore };
  if (disasterAtMs === null) return { ...base, rtoMs: null, breakdown: [], rpoMs: null, rpoCount: 0, lostIds: [] };

  // RTO: the write outage the disaster opened (the first that ends after it).
  const window = writeOutages?.windows.find((w) => w.endMs >= disasterAtMs);
  const recoveredAtMs = window && !window.ongoing ? window.endMs : null;
  const rtoMs = recoveredAtMs === null ? null : Math.max(0, recoveredAtMs - disasterAtMs);
  const breakdown: { name: string; ms: number }[] = restore.phases.map((p) => ({ name: p.name, ms: Math.round(p.endMs - p.startMs) }));
  const restoredAtMs = restore.phases.at(-1)?.endMs;
  if (recoveredAtMs !== null && restoredAtMs !== undefined) breakdown.push({ name: 're-route', ms: Math.round(Math.max(0, recoveredAtMs - restoredAtMs)) });

  // RPO: acknowledged before the disaster, and missing or present after it.
  const lost = new Set(ledger?.lost ?? []);
  let newestPresentMs = -Infinity;
  const lostBefore: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    if (samples.op[i] !== Op.write || samples.outcome[i] !== Outcome.ok) continue;
    const answeredMs = samples.endMs[i] as number;
    if (answeredMs > disasterAtMs) continue;
    if (lost.has(i)) lostBefore.push(i);
    else newestPresentMs = Math.max(newestPresentMs, answeredMs);
  }
  lostBefore.sort((a, b) => (samples.endMs[a] as number) - (samples.endMs[b] as number));
  return {
    ...base,
    rtoMs,
    breakdown,
    rpoMs: ledger === undefined ? null : Number.isFinite(newestPresentMs) ? Math.round(disasterAtMs - newestPresentMs) : null,
    rpoCount: lostBefore.length,
    lostIds: lostBefore.slice(0, 50).map((i) => `${runTag}-${i}`),
  };
}
