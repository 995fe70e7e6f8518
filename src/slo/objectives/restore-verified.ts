import { describe } from '../../scenario/duration.js';
import type { DrillFigures } from '../../dr/drill-figures.js';
import type { RebuildReport, RestoreReport } from '../../dr/drill-types.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';

/** `true`: every restore and rebuild must bring the node back; `'must-fail'`: every one must be caught failing (a drill on a damaged backup); `false`: not judged. */
export type RestoreVerifiedMode = boolean | 'must-fail';

/**
 * `slo.restoreVerified` (on by default): every planned restore happened, reached its target and
 * brought the data back (CHECK TABLE, rows and checksums against the reference at the same
 * GTID), and every planned rebuild happened and left a sound replica caught up with the primary.
 * A restore or rebuild that did not happen, stopped short or verified wrong fails the drill. With
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
  describe: (mode) => mode === 'must-fail' ? ['every restore caught failing'] : mode ? ['every restore and rebuild verified'] : [],
  evaluate(mode, { drills: allDrills = [], recoveriesPlanned: allPlanned = [] }): SloResult[] {
    // Restores and rebuilds replace a node, and this judges what came back; a heal replaces nothing.
    const recoveriesPlanned = allPlanned.filter((p) => p.kind !== 'heal');
    const drills = allDrills.filter((d): d is DrillFigures & { recovery: RestoreReport | RebuildReport } => d.recovery.kind !== 'heal');
    if (mode === false || recoveriesPlanned.length === 0) return [];
    const mustFail = mode === 'must-fail';
    const rebuildsOnly = drills.length > 0 && drills.every((d) => d.kind === 'rebuild');
    const base = {
      id: 'restore-verified',
      name: mustFail ? 'every restore of the damaged backup is caught' : rebuildsOnly ? 'every rebuilt node replicates again, caught up' : 'every restore brought the data back',
      kind: 'restore-verified', limit: recoveriesPlanned.length, unit: '',
    } as const;
    const problems: string[] = [];
    const caught: string[] = [];
    for (const planned of recoveriesPlanned) {
      const drill = drills.find((d) => d.faultId === planned.id);
      if (!drill) problems.push(`${planned.id} (${planned.label}) did not happen`);
      else if (mustFail && drill.recovery.ok) problems.push(`${planned.id} (${planned.label}) verified as good: the damage went unnoticed`);
      else if (mustFail) caught.push(`${planned.id} caught: ${drill.recovery.problems.join('; ')}`);
      else if (!drill.recovery.ok) problems.push(`${planned.id} (${planned.label}): ${drill.recovery.problems.join('; ')}`);
    }
    const detail = problems.length > 0 ? problems.join('; ') : mustFail ? caught.join('; ') : summary(drills);
    return [{ ...base, status: problems.length === 0 ? 'pass' : 'fail', actual: recoveriesPlanned.length - problems.length, detail }];
  },
});

function summary(drills: readonly (DrillFigures & { recovery: RestoreReport | RebuildReport })[]): string {
  return drills.map(({ faultId, node, recovery: r }) => r.kind === 'restore'
    ? `${faultId}: ${node} from ${r.backup?.id ?? 'no backup'} to GTID ${r.reachedGtid || 'none'} (${r.source} binlogs), ${r.tables.length} table(s)`
    : `${faultId}: ${node} cloned from ${r.source ?? '?'} at ${r.cloneGtid || 'none'}, caught up to ${r.caughtUpGtid || 'none'}, ${r.tables.length} table(s)`).join('; ');
}
