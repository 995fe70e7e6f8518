import { describe } from '../../scenario/duration.js';
import type { DrillFigures } from '../../dr/drill-figures.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';

/** `true`: every restore must bring the data back; `'must-fail'`: every restore must be caught failing (a drill on a damaged backup); `false`: not judged. */
export type RestoreVerifiedMode = boolean | 'must-fail';

/**
 * `slo.restoreVerified` (on by default): every planned restore happened, reached its target and
 * brought the data back (CHECK TABLE, rows and checksums against the reference at the same
 * GTID). A restore that did not happen, stopped short or verified wrong fails the drill. With
 * `'must-fail'` the scenario demonstrates that verification notices a damaged backup: it passes
 * only when every restore was caught, and says what caught it.
 */
export const restoreVerifiedSlo = defineSlo({
  field: 'restoreVerified',
  planKey: 'restoreVerified',
  stage: 'data',
  resolve(input, { field, check }): RestoreVerifiedMode {
    if (input === undefined || typeof input === 'boolean') return input ?? true;
    if (input === 'must-fail') return input;
    check.add(field, `must be true, false or 'must-fail' (a drill that must catch a damaged backup), got ${describe(input)}`);
    return true;
  },
  describe: (mode) => mode === 'must-fail' ? ['every restore caught failing'] : mode ? ['every restore verified'] : [],
  evaluate(mode, { drills = [], restoresPlanned = [] }): SloResult[] {
    if (mode === false || restoresPlanned.length === 0) return [];
    const mustFail = mode === 'must-fail';
    const base = {
      id: 'restore-verified', name: mustFail ? 'every restore of the damaged backup is caught' : 'every restore brought the data back',
      kind: 'restore-verified', limit: restoresPlanned.length, unit: '',
    } as const;
    const problems: string[] = [];
    const caught: string[] = [];
    for (const planned of restoresPlanned) {
      const drill = drills.find((d) => d.faultId === planned.id);
      if (!drill) problems.push(`${planned.id} (${planned.label}) did not happen`);
      else if (mustFail && drill.restore.ok) problems.push(`${planned.id} (${planned.label}) verified as good: the damage went unnoticed`);
      else if (mustFail) caught.push(`${planned.id} caught: ${drill.restore.problems.join('; ')}`);
      else if (!drill.restore.ok) problems.push(`${planned.id} (${planned.label}): ${drill.restore.problems.join('; ')}`);
    }
    const detail = problems.length > 0 ? problems.join('; ') : mustFail ? caught.join('; ') : summary(drills);
    return [{ ...base, status: problems.length === 0 ? 'pass' : 'fail', actual: restoresPlanned.length - problems.length, detail }];
  },
});

function summary(drills: readonly DrillFigures[]): string {
  return drills.map((d) => `${d.faultId}: ${d.node} from ${d.restore.backup?.id ?? 'no backup'} to GTID ${d.restore.reachedGtid || 'none'} (${d.restore.source} binlogs), ${d.restore.tables.length} table(s)`).join('; ');
}
