import type { LedgerResult } from '../../ledger/check-ledger.js';
import { describe } from '../../scenario/duration.js';
import { defineSlo } from '../slo-module.js';
import { judged, type SloResult } from '../slo-result.js';
import { notRun } from './not-run.js';

/** Bounds on acknowledged writes lost; `min` states a loss the scenario demonstrates. */
export interface LostWritesBounds {
  readonly min: number | undefined;
  readonly max: number | undefined;
}

const count = { fallback: 0, min: 0, integer: true } as const;

/**
 * `slo.lostWrites`: acknowledged writes missing from the database after recovery, from the
 * ledger: at most `n` (`lostWrites: 0`), or within `{ min?, max? }`.
 */
export const lostWritesSlo = defineSlo({
  field: 'lostWrites',
  planKey: 'lostWrites',
  stage: 'data',
  resolve(value, { field, check, writes }): LostWritesBounds | undefined {
    if (value === undefined) return undefined;
    if (!writes) check.add(field, 'needs writes in the load: set load.mix.write above 0');
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const bounds = check.object(value, field, ['min', 'max']) ?? {};
      const min = bounds.min === undefined ? undefined : check.number(bounds.min, `${field}.min`, count);
      const max = bounds.max === undefined ? undefined : check.number(bounds.max, `${field}.max`, count);
      if (min === undefined && max === undefined) check.add(field, 'must set min, max or both, e.g. { min: 1 } for a loss the scenario demonstrates');
      if (min !== undefined && max !== undefined && min > max) check.add(field, `min (${min}) must not be above max (${max})`);
      return { min, max };
    }
    if (typeof value !== 'number') {
      check.add(field, `must be the most acknowledged writes allowed lost (an integer of at least 0) or { min?, max? }, got ${describe(value)}`);
      return undefined;
    }
    return { min: undefined, max: check.number(value, field, count) };
  },
  describe: (bounds) => bounds === undefined ? [] : [`acknowledged writes lost ${[bounds.min === undefined ? '' : `≥ ${bounds.min}`, bounds.max === undefined ? '' : `≤ ${bounds.max}`].filter(Boolean).join(' and ')}`],
  evaluate: (bounds, checks) => bounds === undefined ? [] : [lostWritesResult(bounds, checks.ledger)],
});

function lostWritesResult({ min, max }: LostWritesBounds, ledger: LedgerResult | undefined): SloResult {
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
