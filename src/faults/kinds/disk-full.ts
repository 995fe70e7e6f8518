import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName, Duration } from '../../scenario/types.js';
import { storagePaths } from '../../stack/stack-volumes.js';
import type { ServiceHandle } from '../../runtime/runtime.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { lasting } from '../resolve-helpers.js';

/**
 * Fill a running database node's binlog disk for a duration, then free it. The node's binary logs
 * live on a size-limited file system from the start of the run (`size`), and a ballast file takes
 * all of its free space. MariaDB then does not fail the commits: they wait ("Waiting for someone
 * to free space"), reads go on, and after the space is freed the waiting commits go through at
 * the server's next retry (it retries every 60 s). A write that timed out meanwhile is therefore
 * unknown, never failed: it may well commit later.
 */
export interface DiskFullFaultInput {
  readonly kind: 'disk-full';
  readonly target: DbServiceName;
  readonly duration: Duration;
  /** Size of the node's binlog file system, in MiB (it is memory: an in-memory file system). @default 64 */
  readonly sizeMiB?: number;
}

export interface DiskFullFaultPlan extends FaultPlanBase {
  readonly kind: 'disk-full';
  readonly sizeBytes: number;
}

/** Fills a node's binlog disk: `diskFull('db-1', '15s')`, `diskFull('db-1', '15s', { sizeMiB: 128 })`. */
export function diskFull(target: DbServiceName, duration: Duration, options: { sizeMiB?: number } = {}): DiskFullFaultInput {
  return { kind: 'disk-full', target, duration, ...options };
}

const ballast = `${storagePaths.binlog}/.faultline-ballast`;
/** At most this much free space counts as full: a binlog event does not fit. */
const fullBelowBytes = 64 * 1024;

/** Ballast that takes every free byte (fallocate, then dd for the last blocks); verified by the free space left; revert removes it. */
export const diskFullFault = defineFaultKind<DiskFullFaultPlan>({
  kind: 'disk-full',
  recovery: 'heal',
  fields: ['target', 'duration', 'sizeMiB'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, { field, stack, check }) {
    const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.db.nodes });
    const durationMs = check.durationMs(fault.duration, `${field}.duration`, { fallback: 1000, required: true, minMs: 1 });
    const sizeMiB = fault.sizeMiB ?? 64;
    if (typeof sizeMiB !== 'number' || !Number.isInteger(sizeMiB) || sizeMiB < 16 || sizeMiB > 4096) {
      check.add(`${field}.sizeMiB`, `must be a whole number of MiB from 16 to 4096 (the binlog file system is memory), got ${JSON.stringify(sizeMiB)}`);
    }
    const sizeBytes = (typeof sizeMiB === 'number' ? sizeMiB : 64) * 1024 * 1024;
    return { kind: 'disk-full', target, services: [target], durationMs, sizeBytes, label: `disk full on ${target} (binlog)${lasting(durationMs)}` };
  },
  limitedDisks: (plan) => [{ node: plan.target, disk: 'binlog', sizeBytes: (plan as DiskFullFaultPlan).sizeBytes }],
  create(plan, context) {
    const service = (): ServiceHandle => context.service(plan.target);
    let filled = false;
    let healed = false;
    return {
      plan,
      async inject() {
        const struckAtMs = context.drills?.now();
        filled = true;
        const result = await service().exec(['sh', '-c', `fallocate -l "$(df -B1 --output=avail ${storagePaths.binlog} | tail -1)" ${ballast} 2>/dev/null; `
          + `dd if=/dev/zero of=${ballast}-tail bs=4096 2>/dev/null; sync; true`]);
        if (result.exitCode !== 0) throw new Error(`filling ${plan.target}'s binlog disk failed: ${result.stderr.trim()}`);
        if (struckAtMs !== undefined) context.drills?.recordDisaster({ node: plan.target, faultId: plan.id, atMs: struckAtMs, reference: undefined, binlogLost: false });
      },
      async verify(): Promise<FaultEffect> {
        const space = await freeSpace(service());
        if (space === undefined) return { verified: false, detail: `could not read the free space of ${storagePaths.binlog} on ${plan.target}` };
        if (space.sizeBytes > plan.sizeBytes * 1.05) return { verified: false, detail: `${storagePaths.binlog} on ${plan.target} is ${space.sizeBytes} bytes, not the size-limited file system of ${plan.sizeBytes}` };
        return space.availBytes < fullBelowBytes
          ? { verified: true, detail: `${storagePaths.binlog} on ${plan.target} is full: ${space.availBytes} bytes free of ${space.sizeBytes}` }
          : { verified: false, detail: `${storagePaths.binlog} on ${plan.target} still has ${space.availBytes} bytes free` };
      },
      async revert() {
        if (!filled || healed) return;
        healed = true;
        const result = await service().exec(['rm', '-f', ballast, `${ballast}-tail`]).catch((error: unknown) => ({ exitCode: -1, stdout: '', stderr: String(error) }));
        const problems = result.exitCode === 0 ? [] : [`freeing ${plan.target}'s binlog disk failed: ${result.stderr.trim()}`];
        context.drills?.recordHeal(plan.id, plan.target, context.drills.now(), problems);
      },
    };
  },
});

async function freeSpace(db: ServiceHandle): Promise<{ availBytes: number; sizeBytes: number } | undefined> {
  const result = await db.exec(['df', '-B1', '--output=size,avail', storagePaths.binlog]);
  const [size, avail] = (result.stdout.trim().split('\n').at(-1) ?? '').trim().split(/\s+/).map(Number);
  return result.exitCode === 0 && Number.isFinite(size) && Number.isFinite(avail) ? { sizeBytes: size!, availBytes: avail! } : undefined;
}
