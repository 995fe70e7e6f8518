import { defineSlo } from '../slo-module.js';
import { judged } from '../slo-result.js';
import { notRun } from './not-run.js';

/** `slo.convergence`: after the heal, every database node holds the same data. */
export const convergenceSlo = defineSlo({
  field: 'convergence',
  planKey: 'convergence',
  stage: 'data',
  resolve(input, { field, check, replicated }): boolean {
    const on = check.boolean(input, field, false);
    if (on && !replicated) check.add(field, "needs a second database node: set stack.db.replication to 'async' or 'semi-sync'");
    return on;
  },
  describe: (on) => on ? ['convergence after heal'] : [],
  evaluate(on, checks) {
    if (!on) return [];
    const base = { id: 'convergence', name: 'database nodes converge after the heal', kind: 'convergence', limit: 0, unit: '' } as const;
    const convergence = checks.convergence;
    return [convergence === undefined
      ? { ...base, status: 'no-data', actual: null, detail: notRun('the convergence check') }
      : { ...base, status: judged(convergence.converged), actual: null, detail: convergence.detail }];
  },
});
