import type { RunResult } from '../run/run-result.js';
import { formatMs, formatPercent } from './format.js';

interface Style { green(s: string): string; red(s: string): string; yellow(s: string): string; dim(s: string): string; bold(s: string): string }
const plain: Style = { green: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

/** The end-of-run summary printed to the console; the same figures as summary.json and junit.xml. */
export function consoleSummary(result: RunResult, style: Style = plain): string {
  const out: string[] = [];
  const verdictText = result.verdict.toUpperCase();
  const coloured = result.verdict === 'passed' ? style.green(verdictText) : result.verdict === 'failed' ? style.red(verdictText) : style.yellow(verdictText);
  out.push('');
  out.push(`${style.bold(result.plan.name)}  ${coloured}  (exit ${result.exitCode}, run ${result.runId}, ${formatMs(result.durationMs)})`);
  if (result.reason) out.push(`  reason    ${result.reason}`);

  const startup = Object.entries(result.stackStartupMs);
  if (startup.length > 0) {
    const slowest = Math.max(...startup.map(([, ms]) => ms));
    out.push(`  stack     ${startup.length} services ready (slowest ${formatMs(slowest)})`);
  }
  const load = result.load;
  if (load) {
    const c = load.counts;
    out.push(`  load      ${result.plan.load.rate} req/s for ${formatMs(load.durationMs)}: ${c.total} requests, ${c.ok} ok, ${c.fail} fail, ${c.unknown} unknown, ${c.notSent} not sent`);
    out.push(`  avail.    ${formatPercent(load.availability)}  latency p50 ${formatMs(load.latency.med)}  p95 ${formatMs(load.latency['p(95)'])}  p99 ${formatMs(load.latency['p(99)'])}  max ${formatMs(load.latency.max)}`);
  }
  for (const fault of result.faults) {
    const mark = fault.injectStartMs === undefined ? style.dim('-') : fault.verified ? style.green('✓') : style.yellow('?');
    const at = fault.injectStartMs === undefined ? `planned at ${formatMs(fault.plannedAtMs)}` : `at ${formatMs(fault.injectStartMs)}`;
    out.push(`  ${fault.id.padEnd(9)} ${mark} ${fault.label} ${at}: ${fault.detail}`);
    const recovery = load?.recoveries.find((r) => r.faultId === fault.id);
    if (recovery) {
      out.push(`            first error ${formatOffset(recovery.firstErrorMs)}, first success ${formatOffset(recovery.firstSuccessMs)}, sustained recovery ${formatOffset(recovery.sustainedRecoveryMs)}; ${recovery.failed} failed, ${recovery.unknown} unknown`);
    }
  }
  if (load) {
    const o = load.outages;
    out.push(`  outages   ${o.windows.length} window${o.windows.length === 1 ? '' : 's'}, longest ${formatMs(o.longestMs)}, total ${formatMs(o.totalMs)} (resolution ≈ ${formatMs(o.resolutionMs)})`);
    if (load.phases.length > 0) {
      out.push(`  phase                  requests   avail.     p50      p95      p99      max`);
      for (const phase of load.phases) {
        const label = `${phase.span.phase}${phase.span.faultId ? ` ${phase.span.faultId}` : ''}`;
        const l = phase.latency;
        out.push(`  ${label.padEnd(22)} ${String(phase.counts.total).padStart(8)}  ${formatPercent(phase.availability).padStart(8)} ${formatMs(l.med).padStart(8)} ${formatMs(l['p(95)']).padStart(8)} ${formatMs(l['p(99)']).padStart(8)} ${formatMs(l.max).padStart(8)}`);
      }
    }
  }
  out.push(...databaseLines(result));
  if (result.slos.length > 0) {
    out.push('  SLOs');
    for (const slo of result.slos) {
      const mark = slo.ok ? style.green('✓') : style.red('✗');
      const actual = slo.actual === null ? '' : `  (${slo.unit === 'ms' ? formatMs(slo.actual) : slo.unit === '%' ? `${+slo.actual.toFixed(4)}%` : +slo.actual.toFixed(4)})`;
      out.push(`    ${mark} ${slo.name}${actual}`);
      if (!slo.ok) out.push(`      ${slo.detail}`);
    }
  }
  for (const failure of result.teardownFailures) out.push(`  ${style.yellow('teardown')}  ${failure.name}: ${failure.error}`);
  out.push(`  reports   ${result.reportDir}/`);
  out.push('');
  return out.join('\n');
}

function formatOffset(ms: number | null): string {
  return ms === null ? 'never' : `+${formatMs(ms)}`;
}

/** Ledger, write outage, replication lag, controller steps and convergence, when there is a database report. */
function databaseLines(result: RunResult): string[] {
  const db = result.database;
  if (!db) return [];
  const lines: string[] = [];
  const writes = result.load?.writeOutages;
  if (writes) lines.push(`  writes    longest write outage ${formatMs(writes.longestMs)} (${writes.windows.length} window${writes.windows.length === 1 ? '' : 's'})`);
  const ledger = db.ledger;
  if (ledger) {
    lines.push(`  ledger    ${ledger.attempted} writes: ${ledger.acknowledged} acknowledged, ${ledger.lost.length} LOST, ${ledger.phantom.length} phantom, `
      + `${ledger.unknownPresent.length} unknown→present, ${ledger.unknownAbsent.length} unknown→absent`);
  }
  for (const lag of db.lagAtFaults) {
    if (lag.transactionsBehind !== null) lines.push(`  lag       ${lag.faultId}: replica ${lag.transactionsBehind} transaction(s) behind when it was injected`);
  }
  // The failover itself, not the controller's start-up and routine checks.
  const noise = new Set(['primary-check-failed', 'lease-wait', 'listening', 'controller-start', 'bootstrap-waiting', 'failover-start', 'catchup-start', 'rejoin-started']);
  const steps = db.controllerEvents.filter((e) => e.loadMs >= 0 && !noise.has(e.type));
  if (steps.length > 0) lines.push(`  failover  ${steps.map((e) => `${e.type} ${formatMs(e.loadMs)}`).join(' → ')}`);
  if (db.convergence) lines.push(`  converge  ${db.convergence.converged ? 'yes' : 'NO'}: ${db.convergence.detail}`);
  return lines;
}
