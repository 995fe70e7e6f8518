import type { ServiceHandle } from '../runtime/runtime.js';
import { sql } from '../stack/db-admin.js';

/** One user table as a node holds it: CHECK TABLE's verdict, its rows and its checksum. */
export interface TableState {
  /** `schema.table`. */
  readonly table: string;
  readonly rows: number;
  /** CHECKSUM TABLE … EXTENDED; `null` when the server gave none. */
  readonly checksum: string | null;
  /** CHECK TABLE's final message (`OK` when sound). */
  readonly check: string;
}

/** A node's user data at one GTID position. */
export interface DataState {
  readonly gtid: string;
  readonly tables: readonly TableState[];
}

const systemSchemas = "'mysql', 'information_schema', 'performance_schema', 'sys'";

/** Every user table of the node, with CHECK TABLE, COUNT(*) and CHECKSUM TABLE EXTENDED, and the node's GTID. */
export async function readDataState(db: ServiceHandle, options: { check?: boolean } = {}): Promise<DataState> {
  const tables: TableState[] = [];
  for (const table of await userTables(db)) {
    const quoted = quoteTable(table);
    const [[rows] = []] = await sql(db, `SELECT COUNT(*) FROM ${quoted}`);
    const [[, checksum] = []] = await sql(db, `CHECKSUM TABLE ${quoted} EXTENDED`);
    const check = options.check === false ? 'not checked' : ((await sql(db, `CHECK TABLE ${quoted}`)).at(-1)?.[3] ?? 'no answer');
    tables.push({ table, rows: Number(rows ?? 0), checksum: checksum === undefined || checksum === 'NULL' ? null : checksum, check });
  }
  const [[gtid = ''] = []] = await sql(db, 'SELECT @@GLOBAL.gtid_binlog_pos');
  return { gtid, tables };
}

/** `schema.table` of every base table outside the system schemas, sorted. */
export async function userTables(db: ServiceHandle): Promise<string[]> {
  return (await sql(db, `SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN (${systemSchemas}) ORDER BY 1`)).map((row) => row[0]!);
}

/** `schema.table` → `` `schema`.`table` `` (names here never hold a dot of their own). */
export function quoteTable(table: string): string {
  return table.split('.').map((part) => `\`${part.replace(/`/g, '``')}\``).join('.');
}

export function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
