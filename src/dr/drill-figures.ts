import type { LedgerResult } from '../ledger/check-ledger.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import { Op, Outcome, type RequestSamples } from '../metrics/request-samples.js';
import type { RecoveryReport } from './drill-types.js';

/** One drill's two numbers, with what they are made of. */
export interface DrillFigures {
  /** The recovery step (a restore or a rebuild) this drill is about. */
  readonly faultId: string;
  readonly kind: RecoveryReport['kind'];
  readonly node: string;
  readonly disasterAtMs: number | null;
  /**
   * Recovery time: from the disaster to the answer of the first write through the load balancer
   * after which writes succeeded for the outage sustain window (the end of the write outage the
   * disaster opened; 0 when writes never stopped, as when a replica is lost). `null` when writes
   * never recovered before the data ended.
   */
  readonly rtoMs: number | null;
  /**
   * What the RTO is made of. A restore: its phases, then `re-route` (from the end of the restore to
   * that write); their sum is the RTO. A heal: `full` (the disaster to the heal), then `writes
   * resume` (the heal to that write). A rebuild or a restored replica is not on the write path
   * (writes came back by failover, or never stopped): one `write outage` span, when there was one.
   */
  readonly breakdown: readonly { readonly name: string; readonly ms: number }[];
  /** From the disaster (or the start of the step, without one) to the end of the step's last phase: the node back in service. */
  readonly recoveredInMs: number | null;
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
  readonly recovery: RecoveryReport;
}

export interface DrillInputs {
  readonly recoveries: readonly RecoveryReport[];
  readonly samples: RequestSamples;
  readonly runTag: string;
  readonly ledger: LedgerResult | undefined;
  readonly writeOutages: OutageSummary | undefined;
}

/** RTO and RPO for every restore and rebuild of the run, from the write outages and the ledger. Pure. */
export function drillFigures(inputs: DrillInputs): DrillFigures[] {
  return inputs.recoveries.map((recovery) => figuresOf(recovery, inputs));
}

function figuresOf(recovery: RecoveryReport, { samples, runTag, ledger, writeOutages }: DrillInputs): DrillFigures {
  const disasterAtMs = recovery.disaster?.atMs ?? null;
  const stepEndMs = recovery.phases.at(-1)?.endMs;
  const stepStartMs = disasterAtMs ?? recovery.phases[0]?.startMs;
  const base = {
    faultId: recovery.faultId, kind: recovery.kind, node: recovery.node, disasterAtMs, recovery,
    backupAgeMs: recovery.kind === 'restore' ? recovery.backup?.ageAtDisasterMs ?? null : null,
    recoveredInMs: stepEndMs === undefined || stepStartMs === undefined ? null : Math.round(stepEndMs - stepStartMs),
  };
  if (disasterAtMs === null) return { ...base, rtoMs: null, breakdown: [], rpoMs: null, rpoCount: 0, lostIds: [] };

  // RTO: the write outage the disaster opened: the first that ends after it and began before the
  // recovery did anything (a heal: before the heal). One that opens later is another story, such
  // as the commit lock of the clone a rebuild takes. None: writes never stopped.
  const openedByMs = (recovery.kind === 'heal' ? stepEndMs : recovery.phases.find((p) => p.name !== 'detect')?.startMs) ?? disasterAtMs;
  const slackMs = writeOutages?.resolutionMs ?? 0;
  const window = writeOutages?.windows.find((w) => w.endMs >= disasterAtMs && w.startMs <= openedByMs + slackMs);
  const recoveredAtMs = window === undefined ? disasterAtMs : window.ongoing ? null : window.endMs;
  const rtoMs = writeOutages === undefined || recoveredAtMs === null ? null : Math.max(0, recoveredAtMs - disasterAtMs);
  const breakdown: { name: string; ms: number }[] = [];
  // A restored primary and a heal are on the write path: their phases are the RTO. A rebuilt node
  // or a restored replica is not (writes came back by failover, or never stopped).
  const onWritePath = recovery.kind === 'heal' || (recovery.kind === 'restore' && recovery.role === 'primary');
  if (onWritePath) {
    breakdown.push(...recovery.phases.map((p) => ({ name: p.name, ms: Math.round(p.endMs - p.startMs) })));
    const after = recovery.kind === 'restore' ? 're-route' : 'writes resume';
    if (recoveredAtMs !== null && stepEndMs !== undefined) breakdown.push({ name: after, ms: Math.round(Math.max(0, recoveredAtMs - stepEndMs)) });
  } else if (rtoMs !== null && rtoMs > 0) {
    breakdown.push({ name: 'write outage', ms: rtoMs });
  }

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
