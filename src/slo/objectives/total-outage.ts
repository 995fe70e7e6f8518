import { formatDuration } from '../../scenario/duration.js';
import { readLimitMs } from '../fraction.js';
import { defineSlo } from '../slo-module.js';
import { noRequests, outageStatus } from '../slo-result.js';
import { resolution } from './longest-outage.js';

/** `slo.totalOutage`: all client-observed outage windows together last no longer than this. */
export const totalOutageSlo = defineSlo({
  field: 'totalOutage',
  planKey: 'totalOutageMaxMs',
  stage: 'load',
  resolve: (input, { field, check }) => readLimitMs(input, field, check),
  describe: (limit) => limit === undefined ? [] : [`total outage ≤ ${formatDuration(limit)}`],
  evaluate(limit, { stats, outages }) {
    if (limit === undefined) return [];
    const base = { id: 'total-outage', name: `total outage ≤ ${formatDuration(limit)}`, kind: 'total-outage', limit, unit: 'ms' } as const;
    if (stats.counts.total === 0) return [{ ...base, status: 'no-data', actual: null, detail: noRequests }];
    const ongoing = outages.windows.some((w) => w.ongoing);
    return [{
      ...base,
      status: outageStatus(outages.totalMs, limit, ongoing),
      actual: outages.totalMs,
      detail: `${outages.windows.length} outage(s)${ongoing ? ', the last still ongoing when the data ended' : ''}${resolution(outages)}`,
    }];
  },
});
