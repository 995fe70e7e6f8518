import { formatDuration } from '../../scenario/duration.js';
import { readLimitMs } from '../fraction.js';
import { defineSlo } from '../slo-module.js';
import { outageStatus } from '../slo-result.js';
import { notRun } from './not-run.js';

/** `slo.writeOutage`: no outage of writes alone longer than this. */
export const writeOutageSlo = defineSlo({
  field: 'writeOutage',
  planKey: 'writeOutageMaxMs',
  stage: 'data',
  resolve(input, { field, check, writes }) {
    if (input !== undefined && !writes) check.add(field, 'needs writes in the load: set load.mix.write above 0');
    return readLimitMs(input, field, check);
  },
  describe: (limit) => limit === undefined ? [] : [`write outage ≤ ${formatDuration(limit)}`],
  evaluate(limit, checks) {
    if (limit === undefined) return [];
    const base = { id: 'write-outage', name: `write outage ≤ ${formatDuration(limit)}`, kind: 'write-outage', limit, unit: 'ms' } as const;
    const outages = checks.writeOutages;
    if (outages === undefined) return [{ ...base, status: 'no-data', actual: null, detail: notRun('load') }];
    if (checks.writesIssued === 0) return [{ ...base, status: 'no-data', actual: null, detail: 'no write was issued, so there is no write outage to judge' }];
    return [{
      ...base,
      status: outageStatus(outages.longestMs, limit, outages.windows.some((w) => w.ongoing && w.durationMs === outages.longestMs)),
      actual: outages.longestMs,
      detail: `longest of ${outages.windows.length} write outage(s) over ${checks.writesIssued} writes`
        + `${outages.windows.some((w) => w.ongoing) ? ', the last still ongoing when the data ended (so at least that long)' : ''}`
        + `${outages.resolutionMs === null ? '' : `; resolution ±${Math.round(outages.resolutionMs)} ms`}`,
    }];
  },
});
