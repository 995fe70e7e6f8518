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

/** A row of the table: its id and, when values were read, its stored value (`null` for SQL NULL). */
export type StoredRow = string | { readonly id: string; readonly value: string | null };

export interface LedgerOptions {
  /**
   * The value write `index` carried. When given, every present write whose stored value differs
   * (or was not read) is `corrupted`; without it values are not compared and `corrupted` is absent.
   */
  readonly expectedValue?: (index: number) => string;
}

/**
 * Classifies every write of a run by its recorded outcome and whether its id is in the table, and
 * (with `expectedValue`) whether the stored value is the one written. Pure: `rows` is what the
 * database holds (with this run's prefix), `samples` what the load saw. Write ids are
 * `<runTag>-<request index>`; any other id with the prefix is `unexpected`: no write of this run
 * used it (a read's index, an index past the run, leading zeros, any other suffix).
 */
export function checkLedger(samples: RequestSamples, runTag: string, rows: Iterable<StoredRow>, options: LedgerOptions = {}): LedgerResult {
  const prefix = `${runTag}-`;
  const present = new Set<number>();
  const unexpected: string[] = [];
  const corrupted: number[] = [];
  for (const row of rows) {
    const id = typeof row === 'string' ? row : row.id;
    const suffix = id.startsWith(prefix) ? id.slice(prefix.length) : '';
    const index = Number(suffix);
    // Exactly the id a write of this run would carry: no leading zeros, no other characters.
    if (suffix !== '' && String(index) === suffix && Number.isInteger(index) && index >= 0 && index < samples.length && samples.op[index] === Op.write) {
      present.add(index);
      if (options.expectedValue && (typeof row === 'string' || row.value !== options.expectedValue(index))) corrupted.push(index);
    } else unexpected.push(id);
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
  const result = { attempted, acknowledged, confirmed, lost, unknownPresent, unknownAbsent, phantom, unexpected };
  return options.expectedValue ? { ...result, corrupted: corrupted.sort((a, b) => a - b) } : result;
}
