import type { ConvergenceResult } from '../ledger/convergence.js';
import type { LedgerResult } from '../ledger/check-ledger.js';
import type { SingleWriterResult } from '../ledger/single-writer.js';
import type { OutageSummary } from '../metrics/outage-windows.js';
import { formatDuration } from '../scenario/duration.js';
import type { SloPlan } from '../scenario/plan.js';
import { judged, outageStatus, type SloResult } from './slo-eval.js';

/** What the data checks after a run found; any of them may be missing if its step never ran. */
export interface DataChecks {
  readonly writeOutages: OutageSummary | undefined;
  /** Writes the measured load issued. */
  readonly writesIssued: number;
  readonly ledger: LedgerResult | undefined;
  readonly singleWriter: SingleWriterResult | undefined;
  readonly convergence: ConvergenceResult | undefined;
}

const notRun = (what: string): string => `${what} did not run (the run ended before it, or it could not read the database), so there is nothing to judge`;

/** One result per data objective the plan sets: write outage, lost writes, single writer, convergence. Pure. */
export function evaluateDataSlos(slo: SloPlan, checks: DataChecks): SloResult[] {
  const results: SloResult[] = [];
  if (slo.writeOutageMaxMs !== undefined) {
    const limit = slo.writeOutageMaxMs;
    const base = { id: 'write-outage', name: `write outage ≤ ${formatDuration(limit)}`, kind: 'write-outage', limit, unit: 'ms' } as const;
    const outages = checks.writeOutages;
    results.push(outages === undefined
      ? { ...base, status: 'no-data', actual: null, detail: notRun('load') }
      : checks.writesIssued === 0
        ? { ...base, status: 'no-data', actual: null, detail: 'no write was issued, so there is no write outage to judge' }
        : {
          ...base,
          status: outageStatus(outages.longestMs, limit, outages.windows.some((w) => w.ongoing && w.durationMs === outages.longestMs)),
          actual: outages.longestMs,
          detail: `longest of ${outages.windows.length} write outage(s) over ${checks.writesIssued} writes`
            + `${outages.windows.some((w) => w.ongoing) ? ', the last still ongoing when the data ended (so at least that long)' : ''}`
            + `${outages.resolutionMs === null ? '' : `; resolution ±${Math.round(outages.resolutionMs)} ms`}`,
        });
  }
  if (slo.lostWrites !== undefined) results.push(lostWritesResult(slo.lostWrites, checks.ledger));
  if (slo.singleWriter) results.push(singleWriterResult(checks.singleWriter));
  if (slo.convergence) {
    const base = { id: 'convergence', name: 'database nodes converge after the heal', kind: 'convergence', limit: 0, unit: '' } as const;
    const convergence = checks.convergence;
    results.push(convergence === undefined
      ? { ...base, status: 'no-data', actual: null, detail: notRun('the convergence check') }
      : { ...base, status: judged(convergence.converged), actual: null, detail: convergence.detail });
  }
  return results;
}

/**
 * Two writable nodes seen at one moment fail it; a blind spot around a fault (or a writable node
 * next to one that could not be read) leaves it with nothing to judge, never a pass.
 */
function singleWriterResult(writer: SingleWriterResult | undefined): SloResult {
  // `actual`: rounds that saw two writable nodes at once.
  const base = { id: 'single-writer', name: 'never more than one writable database node', kind: 'single-writer', limit: 1, unit: '' } as const;
  if (writer === undefined || writer.rounds === 0) return { ...base, status: 'no-data', actual: null, detail: notRun('sampling of read_only') };
  const first = writer.violations[0];
  if (writer.status === 'fail' && first) {
    return {
      ...base, status: 'fail', actual: writer.violations.length,
      detail: `${writer.violations.length} of ${writer.rounds} rounds saw several writable nodes, first at ${formatDuration(first.atMs)}: ${first.nodes.join(', ')} (answers ${formatDuration(Math.round(first.apartMs))} apart)`,
    };
  }
  const blindest = [...writer.faults].sort((a, b) => b.maxGapMs - a.maxGapMs)[0];
  const coverage = blindest
    ? `; longest blind stretch around a fault ${Math.round(blindest.maxGapMs)}ms (${blindest.label}; bound ${Math.round(writer.maxGapBoundMs)}ms)`
    : '';
  const counts = `${writer.rounds} rounds, ${writer.conclusiveRounds} conclusive, ${writer.noWriter} with no writable node${coverage}`;
  if (writer.status !== 'pass') {
    const more = writer.doubts.length > 3 ? `; and ${writer.doubts.length - 3} more` : '';
    return { ...base, status: 'no-data', actual: null, detail: `inconclusive: ${writer.doubts.slice(0, 3).map((d) => d.detail).join('; ')}${more} (${counts})` };
  }
  return { ...base, status: 'pass', actual: 0, detail: counts };
}

function lostWritesResult(bounds: NonNullable<SloPlan['lostWrites']>, ledger: LedgerResult | undefined): SloResult {
  const { min, max } = bounds;
  const range = min !== undefined && max !== undefined ? `${min}…${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`;
  const name = min !== undefined ? `acknowledged writes lost ${range} (the loss this scenario demonstrates)` : `acknowledged writes lost ${range}`;
  const base = { id: 'lost-writes', name, kind: 'lost-writes', limit: min ?? max ?? 0, unit: '' } as const;
  if (ledger === undefined) return { ...base, status: 'no-data', actual: null, detail: notRun('the ledger check') };
  const lost = ledger.lost.length;
  const counts = `${ledger.acknowledged} acknowledged, ${lost} lost, ${ledger.phantom.length} reported failed yet present, `
    + `${ledger.unknownPresent.length} unknown and present, ${ledger.unknownAbsent.length} unknown and absent (of ${ledger.attempted} writes)`;
  if (ledger.acknowledged === 0) return { ...base, status: 'no-data', actual: lost, detail: `${counts}; no write was acknowledged, so nothing shows whether any was lost` };
  const problems = [
    max !== undefined && lost > max ? `more than ${max} lost` : undefined,
    min !== undefined && lost < min ? `fewer than the ${min} lost the scenario expects: the loss it demonstrates did not happen` : undefined,
    ledger.phantom.length > 0 ? `${ledger.phantom.length} write(s) reported failed are in the database` : undefined,
    ledger.unexpected.length > 0 ? `${ledger.unexpected.length} row(s) with this run's prefix match no write of the run (e.g. ${ledger.unexpected.slice(0, 3).join(', ')})` : undefined,
    (ledger.corrupted?.length ?? 0) > 0 ? `${ledger.corrupted!.length} stored value(s) differ from what was written` : undefined,
  ].filter((p) => p !== undefined);
  return { ...base, status: judged(problems.length === 0), actual: lost, detail: problems.length === 0 ? counts : `${counts}; ${problems.join('; ')}` };
}
