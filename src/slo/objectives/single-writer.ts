import type { SingleWriterResult } from '../../ledger/single-writer.js';
import { formatDuration } from '../../scenario/duration.js';
import { defineSlo } from '../slo-module.js';
import type { SloResult } from '../slo-result.js';
import { notRun } from './not-run.js';

/** `slo.singleWriter`: never two writable database nodes at once. On by default with replication. */
export const singleWriterSlo = defineSlo({
  field: 'singleWriter',
  planKey: 'singleWriter',
  stage: 'data',
  resolve(input, { field, check, replicated }): boolean {
    const on = check.boolean(input, field, replicated);
    if (on && !replicated) check.add(field, "needs a second database node: set stack.db.replication to 'async' or 'semi-sync'");
    return on;
  },
  describe: (on) => on ? ['single writer'] : [],
  evaluate: (on, checks) => on ? [singleWriterResult(checks.singleWriter)] : [],
});

/**
 * Two writable nodes seen at one moment fail it; a blind spot around a fault (or a writable node
 * next to one that could not be read) leaves it with nothing to judge, never a pass.
 */
function singleWriterResult(writer: SingleWriterResult | undefined): SloResult {
  // `actual`: rounds that saw two writable nodes at once.
  const base = { id: 'single-writer', name: 'never more than one writable database node', kind: 'single-writer', limit: 1, unit: '' } as const;
  if (writer === undefined || writer.rounds === 0) return { ...base, status: 'no-data', actual: null, detail: notRun('sampling of read_only') };
  const first = writer.violations[0];
  if (writer.status === 'fail' && first) {
    return {
      ...base, status: 'fail', actual: writer.violations.length,
      detail: `${writer.violations.length} of ${writer.rounds} rounds saw several writable nodes, first at ${formatDuration(first.atMs)}: ${first.nodes.join(', ')} (answers ${formatDuration(Math.round(first.apartMs))} apart)`,
    };
  }
  const blindest = [...writer.faults].sort((a, b) => b.maxGapMs - a.maxGapMs)[0];
  const coverage = blindest
    ? `; longest blind stretch around a fault ${Math.round(blindest.maxGapMs)}ms (${blindest.label}; bound ${Math.round(writer.maxGapBoundMs)}ms)`
    : '';
  const counts = `${writer.rounds} rounds, ${writer.conclusiveRounds} conclusive, ${writer.noWriter} with no writable node${coverage}`;
  if (writer.status !== 'pass') {
    const more = writer.doubts.length > 3 ? `; and ${writer.doubts.length - 3} more` : '';
    return { ...base, status: 'no-data', actual: null, detail: `inconclusive: ${writer.doubts.slice(0, 3).map((d) => d.detail).join('; ')}${more} (${counts})` };
  }
  return { ...base, status: 'pass', actual: 0, detail: counts };
}
