import { defineSlo } from '../slo-module.js';
import { fmt, judged, noRequests } from '../slo-result.js';
import { readFraction } from '../fraction.js';

/** `slo.availability`: the share of ok requests over the measured load, at least this. */
export const availabilitySlo = defineSlo({
  field: 'availability',
  planKey: 'availabilityMin',
  stage: 'load',
  resolve: (input, { field, check }): number | undefined => input === undefined ? undefined : readFraction(input, field, check),
  describe: (min) => min === undefined ? [] : [`availability ≥ ${fmt(min * 100)}%`],
  evaluate(min, { stats }) {
    if (min === undefined) return [];
    const limit = min * 100;
    const base = { id: 'availability', name: `availability ≥ ${fmt(limit)}%`, kind: 'availability', limit, unit: '%' } as const;
    const { total, ok, fail, unknown } = stats.counts;
    return [stats.availability === null
      ? { ...base, status: 'no-data', actual: null, detail: noRequests }
      : { ...base, status: judged(stats.availability >= min), actual: stats.availability * 100, detail: `${ok} of ${total} requests ok (${fail} failed, ${unknown} unknown)` }];
  },
});
