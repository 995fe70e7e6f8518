import type { RebuildReport } from '../../dr/drill-types.js';
import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/**
 * Recovery step: rebuild a database node as a replica of the current primary. Whatever is left of
 * it (a fenced old primary, or nothing after a disk loss) is discarded; it comes back on new,
 * empty volumes with a clone of the primary (mariadb-backup streamed through the fault proxy),
 * and rejoins with GTID. Needs replication.
 */
export interface RebuildFaultInput {
  readonly kind: 'rebuild';
  readonly target: DbServiceName;
}

export interface RebuildFaultPlan extends FaultPlanBase {
  readonly kind: 'rebuild';
}

/** Rebuilds a node from the primary: `rebuild('db-2')`. */
export function rebuild(target: DbServiceName): RebuildFaultInput {
  return { kind: 'rebuild', target };
}

/** Verified once the rebuild ran to its end; whether the node replicates again is the restoreVerified objective's to judge. */
export const rebuildFault = defineFaultKind<RebuildFaultPlan>({
  kind: 'rebuild',
  recovery: 'rebuild',
  fields: ['target'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, { field, stack, check }) {
    if (stack.db.nodes.length < 2) check.add(`${field}.kind`, "'rebuild' clones a node from the primary, so it needs replication: set stack.db.replication ('async' or 'semi-sync'); a single node is brought back with restore()");
    const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.db.nodes });
    return { kind: 'rebuild', target, services: stack.db.nodes, durationMs: undefined, label: `rebuild ${target} from the primary` };
  },
  create(plan, context) {
    const drills = context.drills;
    if (!drills) throw new Error(`${plan.id} (${plan.label}) needs the run's drill log, but the run gave none`);
    let result: RebuildReport | undefined;
    return {
      plan,
      async inject() {
        result = await drills.rebuild(plan.id, plan.target);
      },
      verify(): Promise<FaultEffect> {
        if (!result) return Promise.resolve({ verified: false, detail: 'the rebuild did not run' });
        return Promise.resolve({
          verified: true,
          detail: result.ok
            ? `${plan.target} cloned from ${result.source} at ${result.cloneGtid || 'an empty position'} and replicating, caught up to ${result.caughtUpGtid}`
            : `the rebuild ran but the node is not back: ${result.problems.join('; ')}`,
        });
      },
      // A rebuild is not undone: the rebuilt node is the stack's node from then on.
      revert: () => Promise.resolve(),
    };
  },
});
