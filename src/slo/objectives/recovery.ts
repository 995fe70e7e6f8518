import { formatDuration } from '../../scenario/duration.js';
import { readLimitMs } from '../fraction.js';
import { combine, judgeRecovery, labeller } from '../judge-recovery.js';
import { defineSlo } from '../slo-module.js';

/** `slo.recovery`: every injected fault sustainably recovered within this, from its injection. */
export const recoverySlo = defineSlo({
  field: 'recovery',
  planKey: 'recoveryMaxMs',
  stage: 'load',
  resolve: (input, { field, check }) => readLimitMs(input, field, check),
  describe: (limit) => limit === undefined ? [] : [`recovery ≤ ${formatDuration(limit)}`],
  evaluate(limit, evidence) {
    if (limit === undefined) return [];
    const base = { id: 'recovery', name: `recovery ≤ ${formatDuration(limit)}`, kind: 'recovery', limit, unit: 'ms' } as const;
    if (evidence.recoveries.length === 0) return [{ ...base, status: 'no-data', actual: null, detail: 'no fault was injected, so there was nothing to recover from' }];
    const label = labeller(evidence);
    const missing = (evidence.planned ?? []).filter((p) => !evidence.recoveries.some((r) => r.faultId === p.id));
    const { status, actual, detail } = combine([
      ...evidence.recoveries.map((r) => {
        const j = judgeRecovery(r, limit, 0);
        return { ...j, text: `${label(r.faultId)} ${j.why} the fault` };
      }),
      ...missing.map((p) => ({ status: 'no-data' as const, actual: null, text: `${p.id} (${p.label}) was never injected, so there is no recovery from it to judge` })),
    ]);
    return [{ ...base, status, actual, detail: `${detail} (recovered = ${formatDuration(evidence.sustainMs)} of only ok requests)` }];
  },
});
