import type { ServiceHandle } from '../runtime/runtime.js';
import { storagePaths } from '../stack/stack-volumes.js';

/** The newest ready backup's directory in the store, or `undefined` when it holds none. */
export async function newestBackupDir(store: ServiceHandle): Promise<string | undefined> {
  // Published backups only: a dot-prefixed directory is an upload still in progress.
  const result = await store.exec(['sh', '-c', `ls -d ${storagePaths.backups}/full/full-* 2>/dev/null | sort -t- -k2,2 -k3,3 -k4,4n | tail -1`]);
  return result.stdout.trim() || undefined;
}
