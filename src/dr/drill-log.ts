import type { DrillContext } from '../faults/fault.js';
import type { Disaster, RestoreReport } from './drill-types.js';
import { restoreNode, type RestoreDeps, type RestoreOptions } from './restore-node.js';

/** The run's disasters and restores as they happen; what disaster faults and restore steps share. */
export class DrillLog implements DrillContext {
  readonly disasters: Disaster[] = [];
  readonly restores: RestoreReport[] = [];

  constructor(private readonly deps: RestoreDeps | undefined) {}

  now(): number {
    return this.deps?.loadMs() ?? 0;
  }

  recordDisaster(disaster: Disaster): Disaster {
    const recorded = { ...disaster, atMs: Math.round(disaster.atMs) };
    this.disasters.push(recorded);
    this.deps?.onEvent('disaster', { fault: recorded.faultId, node: recorded.node, loadMs: recorded.atMs, referenceGtid: recorded.reference?.gtid ?? null, binlogLost: recorded.binlogLost });
    return recorded;
  }

  disasterOn(node: string): Disaster | undefined {
    return this.disasters.filter((d) => d.node === node).at(-1);
  }

  async restore(faultId: string, node: string, options: RestoreOptions): Promise<RestoreReport> {
    if (!this.deps) throw new Error(`restoring ${node} needs the backup service, but the stack has none`);
    const report = await restoreNode(faultId, node, options, this.disasterOn(node), this.deps);
    this.restores.push(report);
    this.deps.onEvent('restore-end', { fault: faultId, node, ok: report.ok, problems: report.problems, backup: report.backup?.id ?? null, source: report.source, targetGtid: report.targetGtid ?? null, reachedGtid: report.reachedGtid ?? null, loadMs: Math.round(this.deps.loadMs()) });
    return report;
  }
}
