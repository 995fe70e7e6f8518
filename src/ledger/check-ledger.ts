import { Op, Outcome, type RequestSamples } from '../metrics/request-samples.js';

/** A write's fate, checked against what the database holds after recovery (Jepsen "set"). */
export interface LedgerResult {
  readonly attempted: number;
  readonly acknowledged: number;
  /** Acknowledged ok and present. */
  readonly confirmed: number;
  /** Acknowledged ok, yet missing: lost writes. */
  readonly lost: readonly number[];
  /** Outcome unknown and present: they did happen. */
  readonly unknownPresent: readonly number[];
  /** Outcome unknown and absent: they did not happen. */
  readonly unknownAbsent: readonly number[];
  /** Reported failed, yet present: the harness or the app said "not committed" wrongly. */
  readonly phantom: readonly number[];
  /** Ids with this run's prefix that no write of the run used. */
  readonly unexpected: readonly string[];
  /** Writes present with a stored value other than the one written; absent when values were not read. */
  readonly corrupted?: readonly number[];
}

/**
 * Classifies every write of a run by its recorded outcome and whether its id is in the table.
 * Pure: `ids` is what the database holds (with this run's prefix), `samples` what the load saw.
 * Write ids are `<runTag>-<request index>`.
 */
export function checkLedger(samples: RequestSamples, runTag: string, ids: Iterable<string>): LedgerResult {
  const prefix = `${runTag}-`;
  const present = new Set<number>();
  const unexpected: string[] = [];
  for (const id of ids) {
    const suffix = id.startsWith(prefix) ? id.slice(prefix.length) : '';
    const index = Number(suffix);
    // Exactly the id a write of this run would carry: no leading zeros, no other characters.
    if (suffix !== '' && String(index) === suffix && index < samples.length && samples.op[index] === Op.write) present.add(index);
    else unexpected.push(id);
  }
  let attempted = 0;
  let acknowledged = 0;
  let confirmed = 0;
  const lost: number[] = [];
  const unknownPresent: number[] = [];
  const unknownAbsent: number[] = [];
  const phantom: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    if (samples.op[i] !== Op.write) continue;
    attempted++;
    const there = present.has(i);
    switch (samples.outcome[i]) {
      case Outcome.ok:
        acknowledged++;
        if (there) confirmed++;
        else lost.push(i);
        break;
      case Outcome.unknown:
        (there ? unknownPresent : unknownAbsent).push(i);
        break;
      default:
        if (there) phantom.push(i);
    }
  }
  return { attempted, acknowledged, confirmed, lost, unknownPresent, unknownAbsent, phantom, unexpected };
}
