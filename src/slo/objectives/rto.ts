import { formatDuration } from '../../scenario/duration.js';
import { readLimitMs } from '../fraction.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';
import { judged } from '../slo-result.js';

/** `slo.rto`: from each disaster to sustained successful writes through the load balancer, at most this. */
export const rtoSlo = defineSlo({
  field: 'rto',
  planKey: 'rtoMaxMs',
  stage: 'data',
  resolve: (input, { field, check }) => readLimitMs(input, field, check),
  describe: (limit) => limit === undefined ? [] : [`RTO ≤ ${formatDuration(limit)}`],
  evaluate(limit, { drills = [], recoveriesPlanned = [] }): SloResult[] {
    if (limit === undefined) return [];
    const base = { id: 'rto', name: `RTO ≤ ${formatDuration(limit)}`, kind: 'rto', limit, unit: 'ms' } as const;
    if (drills.length === 0) {
      return [{ ...base, status: recoveriesPlanned.length > 0 ? 'fail' : 'no-data', actual: null, detail: recoveriesPlanned.length > 0 ? 'no restore or rebuild happened, so nothing recovered' : 'no restore or rebuild step on the timeline, so there is no recovery time to judge' }];
    }
    const worst = drills.reduce((a, b) => ((b.rtoMs ?? Infinity) > (a.rtoMs ?? Infinity) ? b : a));
    const breakdown = worst.breakdown.map((p) => `${p.name} ${formatDuration(p.ms)}`).join(' + ');
    if (worst.disasterAtMs === null) return [{ ...base, status: 'no-data', actual: null, detail: `${worst.faultId} ${({ restore: 'restored', rebuild: 'rebuilt', heal: 'healed' } as const)[worst.kind]} ${worst.node}, but no disaster was recorded on it, so there is no start to measure from` }];
    if (worst.rtoMs === null) return [{ ...base, status: 'fail', actual: null, detail: `writes through the load balancer never recovered after the disaster on ${worst.node} (${breakdown})` }];
    return [{ ...base, status: judged(worst.rtoMs <= limit), actual: worst.rtoMs, detail: `${worst.node}: ${formatDuration(worst.rtoMs)} from the disaster to sustained writes = ${breakdown}` }];
  },
});
