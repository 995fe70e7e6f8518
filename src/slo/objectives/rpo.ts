import { describe, formatDuration } from '../../scenario/duration.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';

/** Limits on the recovery point: how much time, and how many acknowledged writes, a restore may lose. */
export interface RpoBounds {
  readonly maxMs: number | undefined;
  readonly maxLost: number | undefined;
}

/**
 * `slo.rpo`: `'5s'` (time only) or `{ time?, lostWrites? }`. Time: the disaster minus the answer
 * time of the newest acknowledged write present after the restore; count: acknowledged writes
 * missing after it.
 */
export const rpoSlo = defineSlo({
  field: 'rpo',
  planKey: 'rpo',
  stage: 'data',
  resolve(input, { field, check }): RpoBounds | undefined {
    if (input === undefined) return undefined;
    if (typeof input === 'string' || typeof input === 'number') return { maxMs: check.durationMs(input, field, { fallback: 0 }), maxLost: undefined };
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      const bounds = check.object(input, field, ['time', 'lostWrites']) ?? {};
      const maxMs = bounds.time === undefined ? undefined : check.durationMs(bounds.time, `${field}.time`, { fallback: 0 });
      const maxLost = bounds.lostWrites === undefined ? undefined : check.number(bounds.lostWrites, `${field}.lostWrites`, { fallback: 0, min: 0, integer: true });
      if (maxMs === undefined && maxLost === undefined) check.add(field, "must set time, lostWrites or both, e.g. { time: '5s', lostWrites: 0 }");
      return { maxMs, maxLost };
    }
    check.add(field, `must be a duration such as '5s' or { time?, lostWrites? }, got ${describe(input)}`);
    return undefined;
  },
  describe: (bounds) => bounds === undefined ? [] : [[bounds.maxMs === undefined ? '' : `RPO ≤ ${formatDuration(bounds.maxMs)}`, bounds.maxLost === undefined ? '' : `RPO ≤ ${bounds.maxLost} acknowledged writes`].filter(Boolean).join(', ')],
  evaluate(bounds, { drills = [], recoveriesPlanned = [], ledger }): SloResult[] {
    if (bounds === undefined) return [];
    const parts = [bounds.maxMs === undefined ? undefined : `≤ ${formatDuration(bounds.maxMs)}`, bounds.maxLost === undefined ? undefined : `≤ ${bounds.maxLost} acknowledged writes lost`].filter(Boolean);
    const base = { id: 'rpo', name: `RPO ${parts.join(' and ')}`, kind: 'rpo', limit: bounds.maxMs ?? bounds.maxLost ?? 0, unit: bounds.maxMs === undefined ? '' : 'ms' } as const;
    if (drills.length === 0) {
      return [{ ...base, status: recoveriesPlanned.length > 0 ? 'fail' : 'no-data', actual: null, detail: recoveriesPlanned.length > 0 ? 'no restore or rebuild happened, so there is no recovery point to measure' : 'no restore or rebuild step on the timeline, so there is no recovery point to judge' }];
    }
    if (ledger === undefined) return [{ ...base, status: 'no-data', actual: null, detail: 'the ledger check did not run, so nothing shows which writes came back' }];
    const problems: string[] = [];
    const texts: string[] = [];
    let worstMs: number | null = null;
    let exceeded = false;
    for (const drill of drills) {
      if (drill.rpoMs === null) {
        problems.push(`${drill.faultId}: no acknowledged write from before the disaster is present, so the recovery point is unknown`);
        continue;
      }
      worstMs = Math.max(worstMs ?? 0, drill.rpoMs);
      const lost = drill.lostIds.length > 0 ? ` (${drill.lostIds.slice(0, 5).join(', ')}${drill.rpoCount > 5 ? ', …' : ''})` : '';
      texts.push(`${drill.node}: ${formatDuration(drill.rpoMs)}, ${drill.rpoCount} acknowledged write(s) lost${lost}${drill.kind !== 'restore' ? '' : `; backup ${drill.backupAgeMs === null ? 'of unknown age' : `${formatDuration(drill.backupAgeMs)} old`} at the disaster`}`);
      if (bounds.maxMs !== undefined && drill.rpoMs > bounds.maxMs) {
        exceeded = true;
        problems.push(`${drill.node} lost ${formatDuration(drill.rpoMs)} of writes, more than ${formatDuration(bounds.maxMs)}`);
      }
      if (bounds.maxLost !== undefined && drill.rpoCount > bounds.maxLost) {
        exceeded = true;
        problems.push(`${drill.node} lost ${drill.rpoCount} acknowledged write(s), more than ${bounds.maxLost}`);
      }
    }
    const actual = bounds.maxMs !== undefined ? worstMs : Math.max(0, ...drills.map((d) => d.rpoCount));
    const status = exceeded ? 'fail' : problems.length > 0 ? 'no-data' : 'pass';
    return [{ ...base, status, actual, detail: [...texts, ...problems].join('; ') }];
  },
});
