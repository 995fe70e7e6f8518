import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceHandle } from '../runtime/runtime.js';
import { dbAdmin } from '../stack/db-admin.js';
import { quoteString, quoteTable, userTables, type DataState } from './table-checks.js';

const referenceFile = '/tmp/faultline-reference.txt';
/** How long the read lock is held at most, should the disaster never come. */
const lockHoldS = 30;

/**
 * The reference a restore is verified against: the node's data at the moment of the disaster.
 * Under FLUSH TABLES WITH READ LOCK (no commit can happen while it is held) one session records
 * the GTID position, each user table's rows and CHECKSUM TABLE EXTENDED, then keeps the lock
 * while the caller destroys the node. Commits waiting on the lock never happen (they die with the
 * node), so the reference is exactly the state the disaster hit, at that GTID. Returns
 * `undefined` when the node cannot be read (already dead, say).
 */
export async function lockAndSnapshot(db: ServiceHandle, timeoutMs = 10_000): Promise<DataState | undefined> {
  const tables = await userTables(db).catch(() => undefined);
  if (tables === undefined) return undefined;
  const statements = [
    'FLUSH TABLES WITH READ LOCK',
    // '|', not a tab: batch mode escapes tabs inside values.
    "SELECT CONCAT('G|', @@GLOBAL.gtid_binlog_pos)",
    ...tables.flatMap((table) => [`SELECT CONCAT('R|', ${quoteString(table)}, '|', COUNT(*)) FROM ${quoteTable(table)}`, `CHECKSUM TABLE ${quoteTable(table)} EXTENDED`]),
    "SELECT 'DONE'",
    `SELECT SLEEP(${lockHoldS})`,
  ];
  // The SQL travels as a positional argument: no shell quoting of user table names.
  // --unbuffered: the client would otherwise hold its output until it exits (after the lock).
  const session = `mariadb -h 127.0.0.1 -u ${dbAdmin.user} -p${dbAdmin.password} --unbuffered --batch --skip-column-names -e "$1" > ${referenceFile} 2>&1 &`;
  const started = await db.exec(['bash', '-c', session, 'snapshot', statements.join(';\n')]).catch(() => undefined);
  if (!started || started.exitCode !== 0) return undefined;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const read = await db.exec(['cat', referenceFile]).catch(() => undefined);
    if (read?.stdout.includes('DONE')) return parseSnapshot(read.stdout);
    if (read && /^ERROR/m.test(read.stdout)) return undefined;
    await sleep(20);
  }
  return undefined;
}

/** `G|0-1-52`, `R|faultline.items|1052` and CHECKSUM TABLE's `faultline.items<TAB>123456` lines → the data state. */
export function parseSnapshot(text: string): DataState {
  let gtid = '';
  const rows = new Map<string, number>();
  const checksums = new Map<string, string | null>();
  for (const line of text.split('\n')) {
    const marked = line.split('|');
    if (marked[0] === 'G') gtid = marked[1] ?? '';
    else if (marked[0] === 'R' && marked[1] !== undefined) rows.set(marked[1], Number(marked[2] ?? 0));
    else {
      const [table, checksum] = line.split('\t');
      if (table !== undefined && checksum !== undefined && table.includes('.')) checksums.set(table, checksum === 'NULL' ? null : checksum);
    }
  }
  return { gtid, tables: [...rows].map(([table, count]) => ({ table, rows: count, checksum: checksums.get(table) ?? null, check: 'not checked' })) };
}
