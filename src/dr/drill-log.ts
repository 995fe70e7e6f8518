import type { DrillContext } from '../faults/fault.js';
import type { Disaster, HealReport, RebuildReport, RecoveryReport, RestoreReport } from './drill-types.js';
import { rebuildNode } from './rebuild-node.js';
import type { RecoveryDeps } from './replacement-node.js';
import { restoreNode, type RestoreOptions } from './restore-node.js';

/** The run's disasters and recoveries as they happen; what disaster faults and recovery steps share. */
export class DrillLog implements DrillContext {
  readonly disasters: Disaster[] = [];
  readonly recoveries: RecoveryReport[] = [];

  constructor(private readonly deps: RecoveryDeps) {}

  now(): number {
    return this.deps.loadMs();
  }

  recordDisaster(disaster: Disaster): Disaster {
    const recorded = { ...disaster, atMs: Math.round(disaster.atMs) };
    this.disasters.push(recorded);
    this.deps.onEvent('disaster', { fault: recorded.faultId, node: recorded.node, loadMs: recorded.atMs, referenceGtid: recorded.reference?.gtid ?? null, binlogLost: recorded.binlogLost });
    return recorded;
  }

  disasterOn(node: string): Disaster | undefined {
    return this.disasters.filter((d) => d.node === node).at(-1);
  }

  async restore(faultId: string, node: string, options: RestoreOptions): Promise<RestoreReport> {
    const store = this.deps.store;
    if (!store) throw new Error(`restoring ${node} needs the backup service, but the stack has none`);
    const report = await restoreNode(faultId, node, options, this.disasterOn(node), { ...this.deps, store });
    this.recoveries.push(report);
    this.deps.onEvent('restore-end', { fault: faultId, node, ok: report.ok, problems: report.problems, backup: report.backup?.id ?? null, source: report.source, targetGtid: report.targetGtid ?? null, reachedGtid: report.reachedGtid ?? null, loadMs: Math.round(this.deps.loadMs()) });
    return report;
  }

  async rebuild(faultId: string, node: string): Promise<RebuildReport> {
    const report = await rebuildNode(faultId, node, this.disasterOn(node), this.deps);
    this.recoveries.push(report);
    this.deps.onEvent('rebuild-end', { fault: faultId, node, ok: report.ok, problems: report.problems, source: report.source ?? null, cloneGtid: report.cloneGtid ?? null, caughtUpGtid: report.caughtUpGtid ?? null, loadMs: Math.round(this.deps.loadMs()) });
    return report;
  }

  /** Records that the disaster `faultId` struck was undone at `healedAtMs` (load time). */
  recordHeal(faultId: string, node: string, healedAtMs: number, problems: readonly string[] = []): HealReport {
    const disaster = this.disasters.filter((d) => d.faultId === faultId).at(-1);
    const phases = disaster ? [{ name: 'full' as const, startMs: disaster.atMs, endMs: Math.round(healedAtMs), detail: `${node}'s disk full until the space was freed` }] : [];
    const report: HealReport = { kind: 'heal', faultId, node, disaster, phases, ok: problems.length === 0 && disaster !== undefined, problems: disaster ? problems : [...problems, 'the disaster was never recorded'] };
    this.recoveries.push(report);
    this.deps.onEvent('heal', { fault: faultId, node, loadMs: Math.round(healedAtMs), fullMs: disaster ? Math.round(healedAtMs - disaster.atMs) : null, ok: report.ok, problems: report.problems });
    return report;
  }
}
