import type { TableVerification } from './drill-types.js';
import type { DataState } from './table-checks.js';

/** The seqno of a single-domain GTID position (`0-1-52` → 52); `0` for an empty position. */
export function gtidSeqno(gtid: string | undefined): number {
  if (!gtid) return 0;
  const last = gtid.split(',').map((part) => Number(part.trim().split('-')[2] ?? 0));
  return Math.max(0, ...last.filter((n) => Number.isFinite(n)));
}

/**
 * Compares a restored node's data with the reference taken when the disaster hit. Every table
 * of either side gets a line: a table only in the reference is `missing`, one only restored is
 * `extra`. Checksums and row counts are compared only when both sides are at the same GTID; at
 * another position there is nothing to compare them with (`no-reference`), and the ledger judges
 * the rows instead. Pure.
 */
export function verifyTables(restored: DataState, reference: DataState | undefined): { tables: TableVerification[]; problems: string[] } {
  const problems: string[] = [];
  const comparable = reference !== undefined && reference.gtid === restored.gtid;
  const byName = new Map((reference?.tables ?? []).map((table) => [table.table, table]));
  const tables: TableVerification[] = restored.tables.map((table) => {
    const ref = byName.get(table.table);
    byName.delete(table.table);
    if (table.check !== 'OK' && table.check !== 'not checked') problems.push(`CHECK TABLE ${table.table} says: ${table.check}`);
    const base = { table: table.table, check: table.check, rows: table.rows, checksum: table.checksum, referenceRows: ref?.rows ?? null, referenceChecksum: ref?.checksum ?? null };
    if (!comparable) return { ...base, reference: 'no-reference' };
    if (!ref) {
      problems.push(`${table.table} is restored but was not there when the disaster hit`);
      return { ...base, reference: 'extra' };
    }
    const same = ref.rows === table.rows && ref.checksum === table.checksum;
    if (!same) problems.push(`${table.table} differs from its reference at ${restored.gtid}: ${table.rows} rows (checksum ${table.checksum}) restored, ${ref.rows} rows (checksum ${ref.checksum}) then`);
    return { ...base, reference: same ? 'match' : 'mismatch' };
  });
  if (comparable) {
    for (const ref of byName.values()) {
      problems.push(`${ref.table} was there when the disaster hit but is not restored`);
      tables.push({ table: ref.table, check: 'missing', rows: 0, checksum: null, reference: 'missing', referenceRows: ref.rows, referenceChecksum: ref.checksum });
    }
  }
  if (restored.tables.length === 0) problems.push('the restored node has no user table at all');
  return { tables, problems };
}
