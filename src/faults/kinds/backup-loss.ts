import type { FaultPlanBase } from '../../scenario/plan.js';
import { newestBackupDir } from '../backup-store-files.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/** Lose the newest backup in the store: its directory is deleted. */
export interface BackupLossFaultInput {
  readonly kind: 'backup-loss';
}

export interface BackupLossFaultPlan extends FaultPlanBase {
  readonly kind: 'backup-loss';
}

/** Deletes the newest backup, so a restore falls back to an older one (or finds none): `backupLoss()`. */
export function backupLoss(): BackupLossFaultInput {
  return { kind: 'backup-loss' };
}

/** Verified by the backup's directory being gone. Nothing brings a lost backup back. */
export const backupLossFault = defineFaultKind<BackupLossFaultPlan>({
  kind: 'backup-loss',
  fields: [],
  exclusive: false,
  instantaneous: true,
  resolve(_fault, { field, stack, check }) {
    if (stack.db.backup === undefined) check.add(`${field}.kind`, "'backup-loss' needs the backup service: set stack.db.backup");
    return { kind: 'backup-loss', target: 'backup', services: ['backup'], durationMs: undefined, label: 'lose the newest backup' };
  },
  create(plan, context) {
    const store = (): ReturnType<typeof context.service> => context.service('backup');
    let lost: string | undefined;
    return {
      plan,
      async inject() {
        lost = await newestBackupDir(store());
        if (lost !== undefined) await store().exec(['rm', '-rf', lost]);
      },
      async verify(): Promise<FaultEffect> {
        if (lost === undefined) return { verified: false, detail: 'the store held no backup to lose' };
        const still = await store().exec(['test', '-e', lost]);
        return still.exitCode !== 0
          ? { verified: true, detail: `${lost} is gone` }
          : { verified: false, detail: `${lost} is still there` };
      },
      revert: () => Promise.resolve(),
    };
  },
});
