import type { RestoreTarget } from '../../dr/restore-node.js';
import type { FaultPlanBase } from '../../scenario/plan.js';
import type { DbServiceName } from '../../scenario/types.js';
import { describe } from '../../scenario/duration.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';

/**
 * Recovery step: restore a lost database node from the backup store onto new, empty volumes and
 * replay binary logs to `to`, then verify the data and make it the primary. Needs `stack.db.backup`.
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
}

export interface RestoreFaultPlan extends FaultPlanBase {
  readonly kind: 'restore';
  readonly from: string;
  readonly to: RestoreTarget;
}

/** Restores a lost node: `restore('db-1')`, `restore('db-1', { to: { gtid: '0-1-120' } })`. */
export function restore(target: DbServiceName, options: { from?: string; to?: RestoreFaultInput['to'] } = {}): RestoreFaultInput {
  return { kind: 'restore', target, ...options };
}

const gtidPattern = /^\d+-\d+-\d+$/;
const timePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Verified once the restore ran to its end; its report says whether the data came back. */
export const restoreFault = defineFaultKind<RestoreFaultPlan>({
  kind: 'restore',
  recovery: 'restore',
  fields: ['target', 'from', 'to'],
  exclusive: false,
  instantaneous: true,
  resolve(fault, { field, stack, check }) {
    if (stack.db.backup === undefined) check.add(`${field}.kind`, "'restore' needs the backup service: set stack.db.backup (e.g. { interval: '20s' })");
    if (stack.db.nodes.length > 1) check.add(`${field}.kind`, "'restore' restores a single database node as the primary; with replication, use it after the replica is gone too, or rebuild the replica");
    const target = check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.db.nodes });
    const from = check.string(fault.from, `${field}.from`, { fallback: 'latest', pattern: /^(latest|full-[\w-]+)$/, patternText: "'latest' or a backup id such as 'full-20261201-175123-1'" });
    const to = resolveTarget(fault.to, `${field}.to`, check);
    const toText = to === 'failure' ? 'the failure point' : 'gtid' in to ? `GTID ${to.gtid}` : to.time;
    return { kind: 'restore', target, services: [target, 'backup'], durationMs: undefined, from, to, label: `restore ${target} from ${from === 'latest' ? 'the latest backup' : from} to ${toText}` };
  },
  create(plan, context) {
    const drills = context.drills;
    if (!drills) throw new Error(`${plan.id} (${plan.label}) needs the backup service, but the stack has none`);
    let result: Awaited<ReturnType<typeof drills.restore>> | undefined;
    return {
      plan,
      async inject() {
        result = await drills.restore(plan.id, plan.target, { from: plan.from, to: plan.to, as: 'primary' });
      },
      verify(): Promise<FaultEffect> {
        if (!result) return Promise.resolve({ verified: false, detail: 'the restore did not run' });
        // The step took effect once it ran to its end; whether the data came back is the
        // restoreVerified objective's to judge (a drill on a damaged backup expects it not to).
        return Promise.resolve({
          verified: true,
          detail: result.ok
            ? `${plan.target} restored from ${result.backup?.id} and replayed (${result.source}) to ${result.reachedGtid || 'the backup'}; every table verified`
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
