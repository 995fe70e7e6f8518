import type { ConvergenceResult } from '../ledger/convergence.js';
import type { LedgerResult } from '../ledger/check-ledger.js';
import type { SingleWriterResult } from '../ledger/single-writer.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import { formatDuration } from '../scenario/duration.js';
import type { SloPlan } from '../scenario/plan.js';
import type { SloResult } from './slo-eval.js';

/** What the data checks after a run found; any of them may be missing if its step never ran. */
export interface DataChecks {
  readonly writeOutages: OutageSummary | undefined;
  readonly ledger: LedgerResult | undefined;
  readonly singleWriter: SingleWriterResult | undefined;
  readonly convergence: ConvergenceResult | undefined;
}

const notRun = (what: string): string => `${what} did not run (the run ended before it), so the objective cannot pass`;

/** One result per data objective the plan sets: write outage, lost writes, single writer, convergence. Pure. */
export function evaluateDataSlos(slo: SloPlan, checks: DataChecks): SloResult[] {
  const results: SloResult[] = [];
  if (slo.writeOutageMaxMs !== undefined) {
    const limit = slo.writeOutageMaxMs;
    const base = { id: 'write-outage', name: `write outage ≤ ${formatDuration(limit)}`, kind: 'write-outage', limit, unit: 'ms' } as const;
    const outages = checks.writeOutages;
    results.push(outages === undefined
      ? { ...base, ok: false, actual: null, detail: notRun('load') }
      : { ...base, ok: outages.longestMs <= limit, actual: outages.longestMs, detail: `longest of ${outages.windows.length} write outage(s)${outages.resolutionMs === null ? '' : `; resolution ±${Math.round(outages.resolutionMs)} ms`}` });
  }
  if (slo.lostWritesMax !== undefined) {
    const limit = slo.lostWritesMax;
    const base = { id: 'lost-writes', name: `acknowledged writes lost ≤ ${limit}`, kind: 'lost-writes', limit, unit: '' } as const;
    const ledger = checks.ledger;
    if (ledger === undefined) results.push({ ...base, ok: false, actual: null, detail: notRun('the ledger check') });
    else {
      const ok = ledger.lost.length <= limit && ledger.phantom.length === 0 && ledger.acknowledged > 0;
      results.push({
        ...base,
        ok,
        actual: ledger.lost.length,
        detail: `${ledger.acknowledged} acknowledged, ${ledger.lost.length} lost, ${ledger.phantom.length} reported failed yet present, `
          + `${ledger.unknownPresent.length} unknown and present, ${ledger.unknownAbsent.length} unknown and absent (of ${ledger.attempted} writes)`
          + (ledger.acknowledged === 0 ? '; no write was acknowledged, so nothing shows that none was lost' : ''),
      });
    }
  }
  if (slo.singleWriter) {
    const base = { id: 'single-writer', name: 'never more than one writable database node', kind: 'single-writer', limit: 1, unit: '' } as const;
    const writer = checks.singleWriter;
    if (writer === undefined || writer.samples === 0) results.push({ ...base, ok: false, actual: null, detail: notRun('sampling of read_only') });
    else {
      const first = writer.violations[0];
      results.push({
        ...base,
        ok: writer.violations.length === 0,
        actual: writer.violations.length,
        detail: first
          ? `${writer.violations.length} of ${writer.samples} samples saw several writable nodes, first at ${formatDuration(first.atMs)}: ${first.nodes.join(', ')}`
          : `${writer.samples} samples, at most ${formatDuration(writer.maxGapMs)} apart; ${writer.noWriter} with no writable node`,
      });
    }
  }
  if (slo.convergence) {
    const base = { id: 'convergence', name: 'database nodes converge after the heal', kind: 'convergence', limit: 0, unit: '' } as const;
    const convergence = checks.convergence;
    results.push(convergence === undefined
      ? { ...base, ok: false, actual: null, detail: notRun('the convergence check') }
      : { ...base, ok: convergence.converged, actual: null, detail: convergence.detail });
  }
  return results;
}
