import type { FaultPlanBase } from '../../scenario/plan.js';
import { newestBackupDir } from '../backup-store-files.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/** Damage the newest backup in the store: 4 KiB of random bytes over a page of a table's data file. */
export interface CorruptBackupFaultInput {
  readonly kind: 'corrupt-backup';
  /** The data file inside the backup to damage. @default 'faultline/items.ibd' */
  readonly file?: string;
}

export interface CorruptBackupFaultPlan extends FaultPlanBase {
  readonly kind: 'corrupt-backup';
  readonly file: string;
}

/** Damages the newest backup, so a drill can prove it notices: `corruptBackup()`. */
export function corruptBackup(options: { file?: string } = {}): CorruptBackupFaultInput {
  return { kind: 'corrupt-backup', ...options };
}

/** Overwrites 4 KiB inside the fourth page (the clustered index root of a file-per-table tablespace). */
const damage = 'dd if=/dev/urandom of="$1" bs=1024 count=4 seek=50 conv=notrunc 2>/dev/null';

/**
 * Random bytes over part of page 3 of a data file in the newest backup; the backup still reads
 * as ready. Verified by the file's checksum having changed. Nothing reverts a damaged backup.
 */
export const corruptBackupFault = defineFaultKind<CorruptBackupFaultPlan>({
  kind: 'corrupt-backup',
  fields: ['file'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, { field, stack, check }) {
    if (stack.db.backup === undefined) check.add(`${field}.kind`, "'corrupt-backup' needs the backup service: set stack.db.backup");
    const file = check.string(fault.file, `${field}.file`, { fallback: 'faultline/items.ibd', pattern: /^[\w-]+\/[\w-]+\.ibd$/, patternText: "a table's data file in the backup, such as 'faultline/items.ibd'" });
    return { kind: 'corrupt-backup', target: 'backup', services: ['backup'], durationMs: undefined, file, label: `corrupt ${file} in the newest backup` };
  },
  create(plan, context) {
    const store = (): ReturnType<typeof context.service> => context.service('backup');
    let before: string | undefined;
    let path: string | undefined;
    const sum = async (): Promise<string | undefined> => path === undefined ? undefined : (await store().exec(['sha256sum', path])).stdout.split(' ')[0];
    return {
      plan,
      async inject() {
        const dir = await newestBackupDir(store());
        if (dir === undefined) return;
        path = `${dir}/${plan.file}`;
        before = await sum();
        await store().exec(['sh', '-c', damage, 'damage', path]);
      },
      async verify(): Promise<FaultEffect> {
        if (path === undefined) return { verified: false, detail: 'the store held no backup to corrupt' };
        const after = await sum();
        return after !== undefined && before !== undefined && after !== before
          ? { verified: true, detail: `${path} damaged (sha256 ${before.slice(0, 12)}… → ${after.slice(0, 12)}…)` }
          : { verified: false, detail: `${path} is unchanged (or missing)` };
      },
      revert: () => Promise.resolve(),
    };
  },
});
