import type { ServiceHandle } from '../runtime/runtime.js';

/** The harness's own MariaDB account (created by fixtures/db on first boot). */
export const dbAdmin = { user: 'faultline', password: 'faultline-admin' } as const;
export const appDb = { user: 'app', password: 'faultline', name: 'faultline' } as const;
export const replication = { user: 'repl', password: 'faultline-repl' } as const;

/** Runs SQL on a database node as the harness's admin user; returns tab-separated rows. */
export async function sql(db: ServiceHandle, statement: string): Promise<string[][]> {
  const result = await db.exec(['mariadb', '-h', '127.0.0.1', '-u', dbAdmin.user, `-p${dbAdmin.password}`, '--default-character-set=utf8mb4', '--batch', '--skip-column-names', '-e', statement]);
  if (result.exitCode !== 0) throw new Error(`${db.name}: SQL failed (${statement}): ${result.stderr.trim()}`);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/** Makes a node the writable primary; every node boots read-only. */
export async function promote(db: ServiceHandle): Promise<void> {
  await sql(db, 'SET GLOBAL read_only = 0');
}

/** A node's replication state in one query: writable, what it wrote, what it applied as a replica. */
export interface NodeReplicationState {
  readonly writable: boolean;
  readonly binlogPos: string;
  readonly slavePos: string;
}

export async function replicationState(db: ServiceHandle): Promise<NodeReplicationState> {
  const [row] = await sql(db, 'SELECT @@read_only, @@gtid_binlog_pos, @@gtid_slave_pos');
  return { writable: row?.[0] === '0', binlogPos: row?.[1] ?? '', slavePos: row?.[2] ?? '' };
}

/** The highest sequence number of GTID domain 0 in a position such as `0-1-42,1-3-7`. */
export function gtidSequence(position: string): number {
  let highest = 0;
  for (const part of position.split(',')) {
    const [domain, , seq] = part.trim().split('-');
    if (domain === '0' && seq !== undefined) highest = Math.max(highest, Number(seq));
  }
  return highest;
}
