import type { ServiceHandle } from '../runtime/runtime.js';

/** The harness's own MariaDB account (created by fixtures/db on first boot). */
export const dbAdmin = { user: 'faultline', password: 'faultline-admin' } as const;
export const appDb = { user: 'app', password: 'faultline', name: 'faultline' } as const;
export const replication = { user: 'repl', password: 'faultline-repl' } as const;

/** A statement the `mariadb` client could not run (it exited non-zero). */
export class SqlError extends Error {
  readonly code = 'SQL_FAILED';

  constructor(readonly node: string, readonly statement: string, readonly exitCode: number, readonly stderr: string) {
    super(`${node}: SQL failed (${statement}): ${stderr || `exit code ${exitCode}, no message`}`);
  }

  /** What the server or client said, e.g. `ERROR 2002 (HY000): Can't connect to server on '127.0.0.1' (115)`. */
  get reason(): string {
    return /^ERROR \d+.*$/m.exec(this.stderr)?.[0] ?? (this.stderr.split('\n')[0] || `exit code ${this.exitCode}, no message`);
  }
}

/** Runs SQL on a database node as the harness's admin user; returns tab-separated rows. */
export async function sql(db: ServiceHandle, statement: string): Promise<string[][]> {
  const result = await db.exec(['mariadb', '-h', '127.0.0.1', '-u', dbAdmin.user, `-p${dbAdmin.password}`, '--default-character-set=utf8mb4', '--batch', '--skip-column-names', '-e', statement]);
  if (result.exitCode !== 0) throw new SqlError(db.name, statement, result.exitCode, result.stderr.trim());
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/** Makes a node the writable primary; every node boots read-only. */
export async function promote(db: ServiceHandle): Promise<void> {
  await sql(db, 'SET GLOBAL read_only = 0');
}

/**
 * The primary side of semi-synchronous replication, as the server reports it
 * (`Rpl_semi_sync_master_*` status variables). `on` is what matters: with `enabled` but not `on`,
 * the server has fallen back to asynchronous replication (no replica acknowledged within
 * `rpl_semi_sync_master_timeout`, or none is connected) and commits no longer wait for a replica.
 */
export interface SemiSyncStatus {
  /** `@@rpl_semi_sync_master_enabled`: semi-sync configured on this node. */
  readonly enabled: boolean;
  /**
   * `Rpl_semi_sync_master_status`. Not enough on its own: with `waitNoSlave` off it stays ON while
   * no semi-sync replica is connected, and commits then do not wait at all.
   */
  readonly on: boolean;
  /** `@@rpl_semi_sync_master_wait_no_slave`: commits wait (up to the timeout) even with no semi-sync replica connected. */
  readonly waitNoSlave: boolean;
  /** `Rpl_semi_sync_master_clients`: semi-sync replicas connected. */
  readonly clients: number;
  /** `Rpl_semi_sync_master_no_times`: how often the server switched semi-sync off. */
  readonly offTimes: number;
  /** `Rpl_semi_sync_master_yes_tx` / `_no_tx`: commits acknowledged / not acknowledged by a replica. */
  readonly acknowledgedTx: number;
  readonly unacknowledgedTx: number;
  /** `Rpl_semi_sync_master_wait_sessions`: commits waiting for an acknowledgement right now. */
  readonly waitingSessions: number;
}

/** A node's replication state in one query: writable, what it wrote, what it applied as a replica, semi-sync. */
export interface NodeReplicationState {
  readonly writable: boolean;
  readonly binlogPos: string;
  readonly slavePos: string;
  readonly semiSync: SemiSyncStatus;
}

const semiSyncStatusNames = ['STATUS', 'CLIENTS', 'NO_TIMES', 'YES_TX', 'NO_TX', 'WAIT_SESSIONS'].map((n) => `RPL_SEMI_SYNC_MASTER_${n}`);

export async function replicationState(db: ServiceHandle): Promise<NodeReplicationState> {
  const [row] = await sql(db, 'SELECT @@read_only, @@gtid_binlog_pos, @@gtid_slave_pos, @@rpl_semi_sync_master_enabled, @@rpl_semi_sync_master_wait_no_slave, '
    + "(SELECT GROUP_CONCAT(CONCAT(VARIABLE_NAME, '=', VARIABLE_VALUE)) FROM information_schema.GLOBAL_STATUS "
    + `WHERE VARIABLE_NAME IN (${semiSyncStatusNames.map((n) => `'${n}'`).join(', ')}))`);
  if (!row || row.length < 6 || (row[0] !== '0' && row[0] !== '1')) throw new Error(`${db.name}: unexpected answer to the replication-state query: ${JSON.stringify(row)}`);
  const status = new Map((row[5] ?? '').split(',').map((pair): [string, string] => {
    const [name = '', value = ''] = pair.split('=');
    return [name, value];
  }));
  const count = (name: string): number => Number(status.get(`RPL_SEMI_SYNC_MASTER_${name}`) ?? 0) || 0;
  return {
    writable: row[0] === '0',
    binlogPos: row[1] ?? '',
    slavePos: row[2] ?? '',
    semiSync: {
      enabled: row[3] === '1',
      on: status.get('RPL_SEMI_SYNC_MASTER_STATUS') === 'ON',
      waitNoSlave: row[4] === '1',
      clients: count('CLIENTS'),
      offTimes: count('NO_TIMES'),
      acknowledgedTx: count('YES_TX'),
      unacknowledgedTx: count('NO_TX'),
      waitingSessions: count('WAIT_SESSIONS'),
    },
  };
}

/**
 * Whether anything in the node's network namespace listens on TCP `port` (read from
 * `/proc/net/tcp{,6}` inside the container). Nothing listening means no client can open a new
 * session: a server still booting (crash recovery), or one that closed its listeners to shut down.
 */
export async function listening(db: ServiceHandle, port = 3306): Promise<boolean> {
  const result = await db.exec(['cat', '/proc/net/tcp', '/proc/net/tcp6']);
  if (result.stdout === '') throw new Error(`${db.name}: could not read /proc/net/tcp: ${result.stderr.trim()}`);
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listen = '0A'; // TCP_LISTEN in the kernel's state numbering
  return result.stdout.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/);
    return fields[1]?.endsWith(local) === true && fields[3] === listen;
  });
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
