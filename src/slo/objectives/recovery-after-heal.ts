import { formatDuration } from '../../scenario/duration.js';
import { readLimitMs } from '../fraction.js';
import { combine, judgeRecovery, labeller } from '../judge-recovery.js';
import { defineSlo } from '../slo-module.js';

/** `slo.recoveryAfterHeal`: every fault that ended during load recovered within this, from its end. */
export const recoveryAfterHealSlo = defineSlo({
  field: 'recoveryAfterHeal',
  planKey: 'recoveryAfterHealMaxMs',
  stage: 'load',
  resolve: (input, { field, check }) => readLimitMs(input, field, check),
  describe: (limit) => limit === undefined ? [] : [`recovery after heal ≤ ${formatDuration(limit)}`],
  evaluate(limit, evidence) {
    if (limit === undefined) return [];
    const base = { id: 'recovery-after-heal', name: `recovery after heal ≤ ${formatDuration(limit)}`, kind: 'recovery-after-heal', limit, unit: 'ms' } as const;
    const healed = evidence.recoveries.filter((r) => r.afterHealMs !== undefined);
    if (healed.length === 0) return [{ ...base, status: 'no-data', actual: null, detail: 'no fault ended during load, so nothing was healed to recover from' }];
    const label = labeller(evidence);
    // A fault meant to end (it has a duration) that did not within the data has no heal to judge.
    const unhealed = (evidence.planned ?? []).filter((p) => p.durationMs !== undefined && !healed.some((r) => r.faultId === p.id));
    const { status, actual, detail } = combine([
      ...healed.map((r) => {
        const j = judgeRecovery(r, limit, (r.healedAtMs ?? r.atMs) - r.atMs);
        return { ...j, text: `${label(r.faultId)} ${j.why} the heal` };
      }),
      ...unhealed.map((p) => ({ status: 'no-data' as const, actual: null, text: `${p.id} (${p.label}) was not healed before load ended, so there is no recovery after its heal to judge` })),
    ]);
    return [{ ...base, status, actual, detail: `${detail} (recovered = ${formatDuration(evidence.sustainMs)} of only ok requests)` }];
  },
});
