import type { ServiceHandle } from '../runtime/runtime.js';
import { dbAdmin, gtidSequence, sql } from '../stack/db-admin.js';
import type { RecoveryDeps } from './replacement-node.js';

/** The other database node that is writable now, if any. */
export async function writablePeer(node: string, deps: RecoveryDeps): Promise<{ name: string; service: ServiceHandle } | undefined> {
  for (const name of deps.stack.db.nodes.filter((n) => n !== node)) {
    const service = deps.services.get(name);
    if (!service) continue;
    const [[readOnly] = []] = await sql(service, 'SELECT @@GLOBAL.read_only').catch(() => []);
    if (readOnly === '0') return { name, service };
  }
  return undefined;
}

/** How a replacement replica's rejoin ended. */
export interface Joined {
  readonly detail: string;
  readonly caughtUpGtid: string | undefined;
  readonly problem?: string;
}

/**
 * Polls a replacement node (rebuilt, or restored as a replica) until both replication threads
 * run and it has applied everything the primary had written when the wait began.
 */
export async function awaitCaughtUp(replica: ServiceHandle, primary: ServiceHandle, timeoutMs: number): Promise<Joined> {
  const [[target = ''] = []] = await sql(primary, 'SELECT @@GLOBAL.gtid_binlog_pos').catch(() => []);
  const deadline = Date.now() + timeoutMs;
  let last = 'replication not configured yet';
  for (;;) {
    const status = await replicaStatus(replica).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ('error' in status) last = status.error;
    else {
      last = `IO ${status.io}, SQL ${status.sql}, at ${status.slavePos || 'nothing'}${status.lastError ? ` (${status.lastError})` : ''}`;
      if (status.io === 'Yes' && status.sql === 'Yes' && gtidSequence(status.slavePos) >= gtidSequence(target)) {
        return { caughtUpGtid: status.slavePos, detail: `replicating from ${status.masterHost}:${status.masterPort}, caught up with the primary's ${target || 'empty position'}` };
      }
    }
    if (Date.now() >= deadline) {
      return { caughtUpGtid: undefined, detail: `not caught up after ${timeoutMs} ms: ${last}`, problem: `${replica.name} did not replicate and catch up with the primary within ${Math.round(timeoutMs / 1000)} s: ${last}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SHOW SLAVE STATUS, the fields a rejoin is judged by (threads `No` when replication is not configured). */
async function replicaStatus(db: ServiceHandle): Promise<{ io: string; sql: string; slavePos: string; masterHost: string; masterPort: string; lastError: string }> {
  const result = await db.exec(['mariadb', '-h', '127.0.0.1', '-u', dbAdmin.user, `-p${dbAdmin.password}`, '--vertical', '-e', 'SHOW SLAVE STATUS; SELECT @@GLOBAL.gtid_slave_pos AS slave_pos']);
  if (result.exitCode !== 0) throw new Error(result.stderr.trim() || `mariadb exited ${result.exitCode}`);
  const field = (name: string): string => new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(result.stdout)?.[1]?.trim() ?? '';
  return {
    io: field('Slave_IO_Running') || 'No', sql: field('Slave_SQL_Running') || 'No', slavePos: field('slave_pos'),
    masterHost: field('Master_Host'), masterPort: field('Master_Port'), lastError: field('Last_IO_Error') || field('Last_SQL_Error'),
  };
}
