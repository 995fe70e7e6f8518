import type { DrillFigures } from '../dr/drill-figures.js';
import type { DatabaseReport } from '../run/database-checks.js';
import type { RunResult } from '../run/run-result.js';
import { formatMs, formatPercent } from './format.js';

/** Controller steps that are the failover itself, not its start-up and routine checks. */
const routine = new Set(['primary-check-failed', 'lease-wait', 'listening', 'controller-start', 'bootstrap-waiting', 'failover-start', 'catchup-start', 'rejoin-started']);

/** `primary-down 11.06s → promoted 12.1s → …`, or `undefined` when the controller did nothing but watch. */
export function failoverSteps(db: DatabaseReport): string | undefined {
  const steps = db.controllerEvents.filter((e) => e.loadMs >= 0 && !routine.has(e.type));
  return steps.length > 0 ? steps.map((e) => `${e.type} ${formatMs(e.loadMs)}`).join(' → ') : undefined;
}

/** One headline figure of a run, already formatted. */
export interface KeyFigure {
  readonly name: string;
  readonly value: string;
}

/**
 * The figures a reader looks for first, in the console's words and units: availability, the
 * longest outage, the write outage, lost writes, the failover's steps, and each drill's RTO and
 * RPO. Only the figures the run has.
 */
export function keyFigures(result: Omit<RunResult, 'statsFor'>): KeyFigure[] {
  const figures: KeyFigure[] = [];
  const load = result.load;
  if (load) {
    figures.push({ name: 'availability', value: formatPercent(load.availability) });
    figures.push({ name: 'longest outage', value: `${formatMs(load.outages.longestMs)} (${load.outages.windows.length} window${load.outages.windows.length === 1 ? '' : 's'})` });
    figures.push({ name: 'p99 latency', value: formatMs(load.latency['p(99)']) });
    if (load.writes > 0) figures.push({ name: 'longest write outage', value: formatMs(load.writeOutages.longestMs) });
  }
  const db = result.database;
  const ledger = db?.ledger;
  if (ledger) figures.push({ name: 'acknowledged writes lost', value: `${ledger.lost.length} of ${ledger.acknowledged}` });
  const steps = db ? failoverSteps(db) : undefined;
  if (steps) figures.push({ name: 'failover', value: steps });
  for (const drill of result.drills) {
    figures.push({ name: `RTO (${drill.faultId} ${drill.kind} ${drill.node})`, value: rtoText(drill) });
    figures.push({ name: `RPO (${drill.faultId} ${drill.kind} ${drill.node})`, value: rpoText(drill) });
  }
  return figures;
}

/** `3.67s = detect 2s + … + re-route 8ms`, `0.00ms (writes never stopped)`, or why there is none. */
export function rtoText(drill: DrillFigures): string {
  if (drill.rtoMs === null) return drill.disasterAtMs === null ? 'unknown (no disaster recorded)' : 'writes never recovered';
  const breakdown = drill.breakdown.length > 0 ? ` = ${drill.breakdown.map((p) => `${p.name} ${formatMs(p.ms)}`).join(' + ')}` : drill.rtoMs === 0 ? ' (writes never stopped)' : '';
  return `${formatMs(drill.rtoMs)}${breakdown}`;
}

/** `14ms, 0 acknowledged write(s) lost`. */
export function rpoText(drill: DrillFigures): string {
  return `${drill.rpoMs === null ? 'unknown' : formatMs(drill.rpoMs)}, ${drill.rpoCount} acknowledged write(s) lost`;
}
