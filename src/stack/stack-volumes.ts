import type { Mount } from '../runtime/runtime.js';
import type { LimitedDisk, StackPlan } from '../scenario/plan.js';

/** Where a database node keeps its data and its binary logs, and the backup store its backups. */
export const storagePaths = { data: '/var/lib/mysql', binlog: '/var/lib/mysql-binlog', backups: '/backup' } as const;

/** The named volume holding a database node's data directory. */
export const dataVolume = (node: string): string => `${node}-data`;
/** The named volume holding a database node's binary logs: a disk of its own, so losing the data keeps them. */
export const binlogVolume = (node: string): string => `${node}-binlog`;
/** The backup store's volume: no database node mounts it. */
export const backupVolume = 'backup-store';

/** Every named volume the stack needs, created before the services that mount them. */
export function stackVolumes(stack: StackPlan): { name: string; service: string }[] {
  return [
    ...stack.db.nodes.flatMap((node) => [
      { name: dataVolume(node), service: node },
      ...(limitedBinlog(stack, node) ? [] : [{ name: binlogVolume(node), service: node }]),
    ]),
    ...(stack.db.backup ? [{ name: backupVolume, service: 'backup' }] : []),
  ];
}

/**
 * A database node's mounts: its data and its binary logs, each on its own volume; binary logs a
 * `diskFull` will fill are on a size-limited in-memory file system instead (lost if the node stops).
 */
export function dbMounts(node: string, stack: StackPlan): Mount[] {
  const limited = limitedBinlog(stack, node);
  return [
    { kind: 'volume', source: dataVolume(node), target: storagePaths.data },
    limited
      ? { kind: 'tmpfs', target: storagePaths.binlog, sizeBytes: limited.sizeBytes, mode: 0o750 }
      : { kind: 'volume', source: binlogVolume(node), target: storagePaths.binlog },
  ];
}

function limitedBinlog(stack: StackPlan, node: string): LimitedDisk | undefined {
  return stack.db.limitedDisks?.find((disk) => disk.node === node && disk.disk === 'binlog');
}
