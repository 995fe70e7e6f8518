import type { RunResult } from '../run/run-result.js';
import { backupLines } from './console-backups.js';
import { formatMs, formatPercent, formatSloActual } from './format.js';
import { failoverSteps } from './key-figures.js';

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
  const warmup = load?.warmup;
  if (warmup) {
    out.push(`  warm-up   ramp ${formatMs(warmup.rampMs)} + hold ${formatMs(warmup.holdMs)}: ${warmup.counts.total} requests (${warmup.counts.ok} ok), p99 ${formatMs(warmup.latency['p(99)'])}; not measured`);
  }
  if (load) {
    const c = load.counts;
    out.push(`  load      ${result.plan.load.rate} req/s for ${formatMs(load.durationMs)}: ${c.total} requests, ${c.ok} ok, ${c.fail} fail, ${c.unknown} unknown, ${c.notSent} not sent (${c.refused} refused, ${c.dropped} dropped by the generator)`);
    out.push(`  avail.    ${formatPercent(load.availability)}  latency p50 ${formatMs(load.latency.med)}  p95 ${formatMs(load.latency['p(95)'])}  p99 ${formatMs(load.latency['p(99)'])}  max ${formatMs(load.latency.max)}  (from due: p99 ${formatMs(load.responseTime['p(99)'])})`);
    if (load.generatorLag.requests > 0) {
      out.push(`  ${style.yellow('generator')} behind its schedule for ${load.generatorLag.requests} request(s): ${load.generatorLag.windows.map((w) => `${w.reason} ${formatMs(w.fromMs)}–${formatMs(w.toMs)}`).join(', ')}`);
    }
  }
  for (const fault of result.faults) {
    const mark = fault.injectStartMs === undefined ? style.dim('-') : fault.verified ? style.green('✓') : style.yellow('?');
    const at = fault.injectStartMs === undefined ? `planned at ${formatMs(fault.plannedAtMs)}` : `at ${formatMs(fault.injectStartMs)}`;
    out.push(`  ${fault.id.padEnd(9)} ${mark} ${fault.label} ${at}: ${fault.detail}`);
    const recovery = load?.recoveries.find((r) => r.faultId === fault.id);
    if (recovery) {
      const recovered = recovery.status === 'too-short' ? 'not judged (the data after it is shorter than one sustain window)'
        : recovery.status === 'not-recovered' ? `not recovered (still failing ${formatOffset(recovery.stillFailingAtMs)})` : formatOffset(recovery.sustainedRecoveryMs);
      out.push(`            first error ${formatOffset(recovery.firstErrorMs)}, first success ${formatOffset(recovery.firstSuccessMs)}, sustained recovery ${recovered}; ${recovery.failed} failed, ${recovery.unknown} unknown`);
      for (const relapse of recovery.relapses) {
        out.push(`            ${style.yellow('relapse')} at ${formatMs(relapse.startMs)}: ${relapse.failed} failed, ${relapse.unknown} unknown, ${relapse.recoveredAtMs === null ? 'never recovered' : `recovered at ${formatMs(relapse.recoveredAtMs)}`}`);
      }
    }
  }
  if (load) {
    const o = load.outages;
    out.push(`  outages   ${o.windows.length} window${o.windows.length === 1 ? '' : 's'}, longest ${formatMs(o.longestMs)}, total ${formatMs(o.totalMs)} (resolution ≈ ${formatMs(o.resolutionMs)})`);
    const d = load.degraded;
    out.push(`  degraded  ${d.windows.length} window${d.windows.length === 1 ? '' : 's'} above ${formatPercent(d.errorRateAbove)} errors per ${formatMs(d.bucketMs)}, longest ${formatMs(d.longestMs)}, total ${formatMs(d.totalMs)}`);
    if (load.phases.length > 0) {
      out.push(`  phase                  requests   avail.     p50      p95      p99      max  p99 from due`);
      for (const phase of load.phases) {
        const label = `${phase.span.phase}${phase.span.faultId ? ` ${phase.span.faultId}` : ''}`;
        const l = phase.latency;
        out.push(`  ${label.padEnd(22)} ${String(phase.counts.total).padStart(8)}  ${formatPercent(phase.availability).padStart(8)} ${formatMs(l.med).padStart(8)} ${formatMs(l['p(95)']).padStart(8)} ${formatMs(l['p(99)']).padStart(8)} ${formatMs(l.max).padStart(8)} ${formatMs(phase.responseTime['p(99)']).padStart(12)}`);
      }
    }
  }
  out.push(...databaseLines(result, style));
  out.push(...backupLines(result));
  if (result.slos.length > 0) {
    out.push('  SLOs');
    for (const slo of result.slos) {
      const mark = slo.status === 'pass' ? style.green('✓') : slo.status === 'fail' ? style.red('✗') : style.yellow('?');
      const actual = slo.actual === null ? '' : `  (${formatSloActual(slo)})`;
      out.push(`    ${mark} ${slo.name}${actual}${slo.status === 'no-data' ? '  no data' : ''}`);
      if (slo.status !== 'pass') out.push(`      ${slo.detail}`);
    }
  }
  for (const failure of result.teardownFailures) out.push(`  ${style.yellow('teardown')}  ${failure.name}: ${failure.error}`);
  out.push(`  reports   ${result.reportDir}/`);
  out.push('');
  return out.join('\n');
}

/** An offset from a fault: `+120ms`, or `−437ms` for something already under way when it hit. */
function formatOffset(ms: number | null): string {
  if (ms === null) return 'never';
  return ms < 0 ? `−${formatMs(-ms)} (in flight when it hit)` : `+${formatMs(ms)}`;
}

/** `(6.24s after fault-1)`: where a moment sits relative to the last fault injected before it. */
function sinceFault(result: RunResult, atMs: number): string {
  const before = result.faults.filter((f) => f.injectStartMs !== undefined && f.injectStartMs <= atMs).at(-1);
  return before ? ` (${formatMs(atMs - before.injectStartMs!)} after ${before.id})` : '';
}

/** Ledger, write outage, replication mode and lag, controller steps and convergence, when there is a database report. */
function databaseLines(result: RunResult, style: Style): string[] {
  const db = result.database;
  if (!db) return [];
  const lines: string[] = [];
  const writes = result.load?.writeOutages;
  if (writes) lines.push(`  writes    longest write outage ${formatMs(writes.longestMs)} (${writes.windows.length} window${writes.windows.length === 1 ? '' : 's'})`);
  const ledger = db.ledger;
  if (ledger) {
    const oddities = [
      ledger.unexpected.length > 0 ? `${ledger.unexpected.length} UNEXPECTED` : undefined,
      (ledger.corrupted?.length ?? 0) > 0 ? `${ledger.corrupted!.length} CORRUPTED` : undefined,
    ].filter((text) => text !== undefined);
    lines.push(`  ledger    ${ledger.attempted} writes: ${ledger.acknowledged} acknowledged, ${ledger.lost.length} LOST, ${ledger.phantom.length} phantom, `
      + `${ledger.unknownPresent.length} unknown→present, ${ledger.unknownAbsent.length} unknown→absent${oddities.length > 0 ? `, ${oddities.join(', ')}` : ''}`);
  }
  const changes = db.replicationModeChanges.filter((c) => c.previousMode !== null && c.atMs >= 0);
  if (changes.length > 0) {
    lines.push(`  repl      ${changes.map((c) => `${c.primary} ${c.previousPrimary === c.primary ? `${c.previousMode} → ${c.mode}` : `${c.mode} (was ${c.previousPrimary ?? '?'})`} at ${formatMs(c.atMs)}${sinceFault(result, c.atMs)}: ${c.why}`).join('; ')}`);
  }
  for (const lag of db.lagAtFaults) {
    if (lag.transactionsBehind === null && lag.replicationMode === null) continue;
    const behind = lag.transactionsBehind === null ? 'lag unknown' : `replica ${lag.transactionsBehind} transaction(s) behind`;
    const mode = lag.replicationMode === null ? '' : `, primary ${lag.replicationMode === 'async' ? style.yellow('async') : lag.replicationMode}`;
    lines.push(`  lag       ${lag.faultId}: ${behind}${mode} when it was injected`);
  }
  const steps = failoverSteps(db);
  if (steps) lines.push(`  failover  ${steps}`);
  if (db.convergence) lines.push(`  converge  ${db.convergence.converged ? 'yes' : 'NO'}: ${db.convergence.detail}`);
  return lines;
}
