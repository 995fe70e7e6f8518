import type { ServiceHandle } from '../runtime/runtime.js';

/** The harness's own MariaDB account (created by fixtures/db on first boot). */
export const dbAdmin = { user: 'faultline', password: 'faultline-admin' } as const;
export const appDb = { user: 'app', password: 'faultline', name: 'faultline' } as const;

/** Runs SQL on a database node as the harness's admin user; returns tab-separated rows. */
export async function sql(db: ServiceHandle, statement: string): Promise<string[][]> {
  const result = await db.exec(['mariadb', '-h', '127.0.0.1', '-u', dbAdmin.user, `-p${dbAdmin.password}`, '--batch', '--skip-column-names', '-e', statement]);
  if (result.exitCode !== 0) throw new Error(`${db.name}: SQL failed (${statement}): ${result.stderr.trim()}`);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

/** Makes a node the writable primary; every node boots read-only. */
export async function promote(db: ServiceHandle): Promise<void> {
  await sql(db, 'SET GLOBAL read_only = 0');
}
