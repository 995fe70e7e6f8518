import type { RunResult } from '../run/run-result.js';
import { formatMs } from './format.js';

/** A run as result.json holds it: the result without its functions. */
export type StoredResult = Omit<RunResult, 'statsFor'>;

/** One figure of a run a regression gate compares; lower is better for every one of them. */
export interface GateFigure {
  /** Stable across runs of one scenario: `longest-outage`, `recovery:fault-2`, `p99:during fault-1`. */
  readonly key: string;
  readonly label: string;
  readonly unit: 'ms' | 'pct' | 'count';
  /** `null`: the run has the figure but no value (writes never recovered, no data): as bad as it gets. */
  readonly value: number | null;
  /**
   * A change smaller than this is never a regression, whatever the ratio: run-to-run noise at the
   * measurement's own resolution (outage edges are known to ~10–50 ms, p99 jitters by ms).
   */
  readonly floor: number;
}

const msFloor = 100;
const latencyFloorMs = 10;

/** The figures of a run that a release gate holds it to. */
export function gateFigures(result: StoredResult): GateFigure[] {
  const figures: GateFigure[] = [];
  const ms = (key: string, label: string, value: number | null, floor = msFloor): void => { figures.push({ key, label, unit: 'ms', value, floor }); };
  const load = result.load;
  if (load) {
    figures.push({ key: 'unavailability', label: 'requests not ok', unit: 'pct', value: load.availability === null ? null : (1 - load.availability) * 100, floor: 0.1 });
    ms('longest-outage', 'longest outage', load.outages.longestMs);
    ms('total-outage', 'total outage', load.outages.totalMs);
    if (load.writes > 0) ms('longest-write-outage', 'longest write outage', load.writeOutages.longestMs);
    for (const recovery of load.recoveries) {
      if (recovery.status === 'too-short') continue;
      ms(`recovery:${recovery.faultId}`, `recovery after ${recovery.faultId}`, recovery.finalRecoveryMs);
    }
    for (const phase of load.phases) {
      const name = `${phase.span.phase}${phase.span.faultId ? ` ${phase.span.faultId}` : ''}`;
      if (phase.counts.total > 0) ms(`p99:${name}`, `p99 ${name}`, phase.latency['p(99)'], latencyFloorMs);
    }
  }
  const db = result.database;
  for (const [index, done] of (db?.controllerEvents ?? []).filter((e) => e.type === 'failover-done').entries()) {
    const fault = result.faults.filter((f) => f.injectStartMs !== undefined && f.injectStartMs <= done.loadMs).at(-1);
    if (fault) ms(`failover:${index + 1}`, `failover ${index + 1} (from ${fault.id} to failover-done)`, done.loadMs - fault.injectStartMs!);
  }
  if (db?.ledger) figures.push({ key: 'lost-writes', label: 'acknowledged writes lost', unit: 'count', value: db.ledger.lost.length, floor: 0 });
  for (const drill of result.drills) {
    ms(`rto:${drill.faultId}`, `RTO ${drill.faultId} (${drill.kind} ${drill.node})`, drill.rtoMs);
    ms(`rpo:${drill.faultId}`, `RPO ${drill.faultId}`, drill.rpoMs);
    figures.push({ key: `rpo-writes:${drill.faultId}`, label: `RPO ${drill.faultId}, writes lost`, unit: 'count', value: drill.rpoCount, floor: 0 });
  }
  return figures;
}

export interface ComparedFigure {
  readonly key: string;
  readonly label: string;
  readonly unit: GateFigure['unit'];
  readonly baseline: number | null | undefined;
  readonly current: number | null | undefined;
  /** current ÷ baseline; `Infinity` from 0 to more, `null` when either side has no number. */
  readonly ratio: number | null;
  readonly regressed: boolean;
  readonly note: string;
}

export interface Comparison {
  readonly baseline: { readonly runId: string; readonly scenario: string };
  readonly current: { readonly runId: string; readonly scenario: string };
  readonly maxRegression: number;
  readonly figures: readonly ComparedFigure[];
  readonly regressed: boolean;
}

/**
 * Figure by figure, whether `current` regressed from `baseline` by more than `maxRegression`
 * (0.2 = 20 %): worse by that ratio and by more than the figure's noise floor. A figure the
 * baseline has and the current run lost the value of (never recovered, no data) regressed; one
 * only the current run has is new, not judged. Pure.
 */
export function compareRuns(baseline: StoredResult, current: StoredResult, maxRegression: number): Comparison {
  const before = new Map(gateFigures(baseline).map((f) => [f.key, f]));
  const now = gateFigures(current);
  const keys = [...new Set([...before.keys(), ...now.map((f) => f.key)])];
  const figures = keys.map((key): ComparedFigure => {
    const b = before.get(key);
    const c = now.find((f) => f.key === key);
    const figure = (c ?? b)!;
    return { key, label: figure.label, unit: figure.unit, baseline: b?.value, current: c?.value, ...judge(b, c, maxRegression) };
  });
  return {
    baseline: { runId: baseline.runId, scenario: baseline.plan.name },
    current: { runId: current.runId, scenario: current.plan.name },
    maxRegression,
    figures,
    regressed: figures.some((f) => f.regressed),
  };
}

function judge(b: GateFigure | undefined, c: GateFigure | undefined, maxRegression: number): { ratio: number | null; regressed: boolean; note: string } {
  if (!b) return { ratio: null, regressed: false, note: 'new: not in the baseline' };
  if (!c) return { ratio: null, regressed: false, note: 'not in this run' };
  if (b.value === null && c.value === null) return { ratio: null, regressed: false, note: 'no value in either run' };
  if (c.value === null) return { ratio: null, regressed: true, note: 'REGRESSED: no value now (never recovered, or no data)' };
  if (b.value === null) return { ratio: null, regressed: false, note: 'better: the baseline had no value' };
  const ratio = b.value === 0 ? (c.value === 0 ? 1 : Infinity) : c.value / b.value;
  const worseBy = c.value - b.value;
  if (ratio > 1 + maxRegression && worseBy > c.floor) return { ratio, regressed: true, note: `REGRESSED: ${ratio === Infinity ? 'from 0' : `+${Math.round((ratio - 1) * 100)}%`}` };
  if (ratio > 1 + maxRegression) return { ratio, regressed: false, note: `worse, but by less than the noise floor (${formatValue(c.floor, c.unit)})` };
  return { ratio, regressed: false, note: ratio < 1 ? 'better' : ratio === 1 ? 'same' : 'within bound' };
}

/** The comparison as a side-by-side table with ratios, for the console. */
export function comparisonTable(comparison: Comparison): string {
  const rows = comparison.figures.map((f) => [f.label, formatValue(f.baseline, f.unit), formatValue(f.current, f.unit), f.ratio === null ? '' : f.ratio === Infinity ? '∞' : `${f.ratio.toFixed(2)}×`, f.note]);
  const header = ['figure', `baseline ${comparison.baseline.runId}`, `this run ${comparison.current.runId}`, 'ratio', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((cell, i) => (i === 1 || i === 2 || i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  const scenario = comparison.baseline.scenario === comparison.current.scenario ? comparison.current.scenario
    : `${comparison.current.scenario} (baseline from ${comparison.baseline.scenario}: different scenarios)`;
  const verdict = comparison.regressed
    ? `REGRESSED: ${comparison.figures.filter((f) => f.regressed).length} figure(s) worse than the baseline by more than ${Math.round(comparison.maxRegression * 100)}%`
    : `no regression beyond ${Math.round(comparison.maxRegression * 100)}%`;
  return [`compare ${scenario}`, line(header), ...rows.map(line), `  ${verdict}`, ''].join('\n');
}

function formatValue(value: number | null | undefined, unit: GateFigure['unit']): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  return unit === 'ms' ? formatMs(value) : unit === 'pct' ? `${+value.toFixed(3)}%` : String(value);
}
