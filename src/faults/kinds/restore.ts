import type { RestoreTarget } from '../../dr/restore-node.js';
import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import { describe } from '../../scenario/duration.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/**
 * Recovery step: restore a lost database node from the backup store onto new, empty volumes.
 * A single node replays binary logs to `to`, is verified and made the primary. With replication
 * the restored node is a replica: it replicates on from the backup's GTID until it has caught up
 * with the primary (then `promote(node)` makes it the primary, if that is the drill). Needs
 * `stack.db.backup`.
 */
export interface RestoreFaultInput {
  readonly kind: 'restore';
  readonly target: DbServiceName;
  /** `'latest'` (the newest backup taken before the disaster) or a backup id. @default 'latest' */
  readonly from?: string;
  /**
   * `'failure'`: the newest transaction the binlogs hold (the lost node's own when its binlog
   * volume survived, else the store's archive); `{ gtid }`: up to and including that
   * transaction; `{ time }`: up to that moment (`'YYYY-MM-DD HH:MM:SS'`, UTC). @default 'failure'
   */
  readonly to?: 'failure' | { readonly gtid: string } | { readonly time: string };
  /** What the restored node becomes: `'primary'` (a single node) or `'replica'` (with replication). @default by the stack */
  readonly as?: 'primary' | 'replica';
}

export interface RestoreFaultPlan extends FaultPlanBase {
  readonly kind: 'restore';
  readonly from: string;
  readonly to: RestoreTarget;
  readonly as: 'primary' | 'replica';
}

/** Restores a lost node: `restore('db-1')`, `restore('db-1', { to: { gtid: '0-1-120' } })`. */
export function restore(target: DbServiceName, options: { from?: string; to?: RestoreFaultInput['to']; as?: RestoreFaultInput['as'] } = {}): RestoreFaultInput {
  return { kind: 'restore', target, ...options };
}

const gtidPattern = /^\d+-\d+-\d+$/;
const timePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Verified once the restore ran to its end; its report says whether the data came back. */
export const restoreFault = defineFaultKind<RestoreFaultPlan>({
  kind: 'restore',
  recovery: 'restore',
  fields: ['target', 'from', 'to', 'as'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, { field, stack, check }) {
    if (stack.db.backup === undefined) check.add(`${field}.kind`, "'restore' needs the backup service: set stack.db.backup (e.g. { interval: '20s' })");
    const replicated = stack.db.nodes.length > 1;
    const as = check.string(fault.as, `${field}.as`, { fallback: replicated ? 'replica' : 'primary', oneOf: ['primary', 'replica'] }) as RestoreFaultPlan['as'];
    if (replicated && as === 'primary') check.add(`${field}.as`, "with replication a restored node rejoins as a replica (the failover controller owns the primary); add promote(node) after the restore to make it the primary");
    if (!replicated && as === 'replica') check.add(`${field}.as`, "'replica' needs replication (stack.db.replication): a single node has no primary to replicate from");
    if (as === 'replica' && fault.to !== undefined) check.add(`${field}.to`, 'a replica replays nothing: it catches up from the primary, so it takes no target');
    const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.db.nodes });
    const from = check.string(fault.from, `${field}.from`, { fallback: 'latest', pattern: /^(latest|full-[\w-]+)$/, patternText: "'latest' or a backup id such as 'full-20261201-175123-1'" });
    const to = resolveTarget(fault.to, `${field}.to`, check);
    const toText = to === 'failure' ? 'the failure point' : 'gtid' in to ? `GTID ${to.gtid}` : to.time;
    const label = `restore ${target} from ${from === 'latest' ? 'the latest backup' : from} ${as === 'replica' ? 'as a replica' : `to ${toText}`}`;
    return { kind: 'restore', target, services: [target, 'backup'], durationMs: undefined, from, to, as, label };
  },
  create(plan, context) {
    const drills = context.drills;
    if (!drills) throw new Error(`${plan.id} (${plan.label}) needs the backup service, but the stack has none`);
    let result: Awaited<ReturnType<typeof drills.restore>> | undefined;
    return {
      plan,
      async inject() {
        result = await drills.restore(plan.id, plan.target, { from: plan.from, to: plan.to, as: plan.as });
      },
      verify(): Promise<FaultEffect> {
        if (!result) return Promise.resolve({ verified: false, detail: 'the restore did not run' });
        // The step took effect once it ran to its end; whether the data came back is the
        // restoreVerified objective's to judge (a drill on a damaged backup expects it not to).
        return Promise.resolve({
          verified: true,
          detail: result.ok
            ? plan.as === 'replica'
              ? `${plan.target} restored from ${result.backup?.id} as a replica, caught up with the primary; every table checked`
              : `${plan.target} restored from ${result.backup?.id} and replayed (${result.source}) to ${result.reachedGtid || 'the backup'}; every table verified`
            : `the restore ran but did not bring the data back: ${result.problems.join('; ')}`,
        });
      },
      // A restore is not undone: the restored node is the stack's node from then on.
      revert: () => Promise.resolve(),
    };
  },
});

function resolveTarget(value: unknown, field: string, check: Parameters<typeof restoreFault.resolve>[1]['check']): RestoreTarget {
  if (value === undefined || value === 'failure') return 'failure';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const target = check.object(value, field, ['gtid', 'time']) ?? {};
    if (typeof target.gtid === 'string' && gtidPattern.test(target.gtid) && target.time === undefined) return { gtid: target.gtid };
    if (typeof target.time === 'string' && timePattern.test(target.time) && target.gtid === undefined) return { time: target.time };
  }
  check.add(field, `must be 'failure', { gtid: '0-1-120' } or { time: 'YYYY-MM-DD HH:MM:SS' } (UTC), got ${describe(value)}`);
  return 'failure';
}
