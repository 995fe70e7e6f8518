import { formatDuration } from '../../scenario/duration.js';
import type { OutageSummary } from '../../metrics/outage-windows.js';
import { readLimitMs } from '../fraction.js';
import { defineSlo } from '../slo-module.js';
import { fmt, noRequests, outageStatus } from '../slo-result.js';

/** `slo.longestOutage`: no client-observed outage window longer than this. */
export const longestOutageSlo = defineSlo({
  field: 'longestOutage',
  planKey: 'longestOutageMaxMs',
  stage: 'load',
  resolve: (input, { field, check }) => readLimitMs(input, field, check),
  describe: (limit) => limit === undefined ? [] : [`longest outage ≤ ${formatDuration(limit)}`],
  evaluate(limit, { stats, outages }) {
    if (limit === undefined) return [];
    const base = { id: 'longest-outage', name: `longest outage ≤ ${formatDuration(limit)}`, kind: 'longest-outage', limit, unit: 'ms' } as const;
    if (stats.counts.total === 0) return [{ ...base, status: 'no-data', actual: null, detail: noRequests }];
    const longest = outages.windows.reduce<OutageSummary['windows'][number] | undefined>(
      (worst, w) => (worst === undefined || w.durationMs > worst.durationMs ? w : worst), undefined);
    return [{
      ...base,
      status: outageStatus(outages.longestMs, limit, longest?.ongoing === true),
      actual: outages.longestMs,
      detail: longest === undefined
        ? `no outage observed${resolution(outages)}`
        : `longest of ${outages.windows.length} outage(s) from ${fmt(longest.startMs)} ms to ${fmt(longest.endMs)} ms` +
          `${longest.ongoing ? ', still ongoing when the data ended (so at least that long)' : ''}${resolution(outages)}`,
    }];
  },
});

/** `; resolution ±12 ms`, or nothing without an estimate. */
export function resolution(outages: OutageSummary): string {
  return outages.resolutionMs === null ? '' : `; resolution ±${fmt(outages.resolutionMs)} ms`;
}
