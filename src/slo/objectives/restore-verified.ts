import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';

/**
 * `slo.restoreVerified` (on by default): every planned restore happened, reached its target and
 * brought the data back (CHECK TABLE, rows and checksums against the reference at the same
 * GTID). A restore that did not happen, stopped short or verified wrong fails the drill.
 */
export const restoreVerifiedSlo = defineSlo({
  field: 'restoreVerified',
  planKey: 'restoreVerified',
  stage: 'data',
  resolve: (input, { field, check }): boolean => check.boolean(input, field, true),
  describe: (on) => on ? ['every restore verified'] : [],
  evaluate(on, { drills = [], restoresPlanned = [] }): SloResult[] {
    if (!on || restoresPlanned.length === 0) return [];
    const base = { id: 'restore-verified', name: 'every restore brought the data back', kind: 'restore-verified', limit: restoresPlanned.length, unit: '' } as const;
    const problems: string[] = [];
    for (const planned of restoresPlanned) {
      const drill = drills.find((d) => d.faultId === planned.id);
      if (!drill) problems.push(`${planned.id} (${planned.label}) did not happen`);
      else if (!drill.restore.ok) problems.push(`${planned.id} (${planned.label}): ${drill.restore.problems.join('; ')}`);
    }
    const verified = restoresPlanned.length - problems.length;
    const summary = drills.map((d) => `${d.faultId}: ${d.node} from ${d.restore.backup?.id ?? 'no backup'} to GTID ${d.restore.reachedGtid || 'none'} (${d.restore.source} binlogs), ${d.restore.tables.length} table(s)`).join('; ');
    return [{ ...base, status: problems.length === 0 ? 'pass' : 'fail', actual: verified, detail: problems.length === 0 ? summary : problems.join('; ') }];
  },
});
