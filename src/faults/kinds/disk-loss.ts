import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import { lockAndSnapshot } from '../../dr/reference-snapshot.js';
import { awaitState } from '../await-state.js';
import type { FaultEffect, FaultStorage } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/**
 * Destroy a database node's disk: the node is killed, its container removed and its data volume
 * (and, with `binlog: true`, its binlog volume) destroyed. The node stays gone until a restore or
 * a rebuild brings it back on a new, empty volume: nothing can revert a lost disk.
 */
export interface DiskLossFaultInput {
  readonly kind: 'disk-loss';
  readonly target: DbServiceName;
  /** Lose the binary logs too (they live on a volume of their own). @default false */
  readonly binlog?: boolean;
}

export interface DiskLossFaultPlan extends FaultPlanBase {
  readonly kind: 'disk-loss';
  readonly binlog: boolean;
}

/** Destroys a database node's data volume: `diskLoss('db-1')`, `diskLoss('db-2', { binlog: true })`. */
export function diskLoss(target: DbServiceName, options: { binlog?: boolean } = {}): DiskLossFaultInput {
  return { kind: 'disk-loss', target, ...options };
}

/**
 * A snapshot of the node's tables under a read lock (the reference a restore is checked
 * against) → SIGKILL → remove the container (a stopped container still holds its volumes) →
 * destroy the volumes; verified by the volumes being gone.
 */
export const diskLossFault = defineFaultKind<DiskLossFaultPlan>({
  kind: 'disk-loss',
  fields: ['target', 'binlog'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, { field, stack, check }) {
    const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.db.nodes });
    const binlog = check.boolean(fault.binlog, `${field}.binlog`, false);
    return { kind: 'disk-loss', target, services: [target], durationMs: undefined, binlog, label: `disk loss on ${target} (data${binlog ? ' and binlog' : ''})` };
  },
  create(plan, context) {
    const storage = context.storage;
    if (!storage) throw new Error(`${plan.id} (${plan.label}) needs the run's volumes, but the runtime gave none`);
    const lost = (): string[] => lostVolumes(plan, storage);
    return {
      plan,
      async inject() {
        const service = context.service(plan.target);
        // The reference a restore is verified against: the data as the disaster finds it. From the
        // lock on nothing commits, so that is when the disaster strikes the data.
        const struckAtMs = context.drills?.now();
        const reference = context.drills ? await lockAndSnapshot(service) : undefined;
        await service.kill('SIGKILL').catch(() => undefined); // already dead is fine: the disk goes either way
        if (context.drills && struckAtMs !== undefined) context.drills.recordDisaster({ node: plan.target, faultId: plan.id, atMs: struckAtMs, reference, binlogLost: plan.binlog });
        await awaitState(service, (state) => state.status !== 'running', 10_000);
        await service.remove();
        for (const volume of lost()) await storage.destroyVolume(volume);
      },
      async verify(): Promise<FaultEffect> {
        const names = new Set((await storage.volumes()).map((volume) => volume.name));
        const left = lost().filter((volume) => names.has(volume));
        const state = await context.service(plan.target).state().catch(() => ({ status: 'missing' as const }));
        if (left.length > 0) return { verified: false, detail: `volume(s) ${left.join(', ')} still exist` };
        if (state.status !== 'missing') return { verified: false, detail: `${plan.target} is ${state.status}, not gone` };
        return { verified: true, detail: `${plan.target} is gone and so are its volume(s) ${lost().join(', ')}` };
      },
      // A lost disk cannot be put back: only a restore or a rebuild brings the node back.
      revert: () => Promise.resolve(),
    };
  },
});

function lostVolumes(plan: DiskLossFaultPlan, storage: FaultStorage): string[] {
  const volumes = storage.volumesOf(plan.target);
  return plan.binlog ? [volumes.data, volumes.binlog] : [volumes.data];
}
