import { colours, line } from '../cli/output.js';
import type { RunResult } from '../run/run-result.js';
import { consoleSummary } from './console-summary.js';
import { formatMs, formatPercent } from './format.js';
import type { LoadProgress, Reporter } from './reporter.js';

/** Plain-line progress is printed this often when stdout is not a terminal (CI logs). */
const plainProgressEveryMs = 5000;

/**
 * Console output: notable events as lines, a live one-line progress display on a TTY (plain
 * lines every few seconds otherwise), and the summary at the end.
 */
export class ConsoleReporter implements Reporter {
  private progressShown = false;
  private lastPlainMs = -Infinity;
  private readonly style;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {
    this.style = colours(stream);
  }

  onRunStart(info: { runId: string; plan: { name: string }; reportDir: string }): void {
    this.print(`${this.style.bold(`faultline: ${info.plan.name}`)}  run ${info.runId}  → ${info.reportDir}`);
  }

  onEvent(type: string, data: Readonly<Record<string, unknown>>): void {
    const text = describeEvent(type, data);
    if (text !== undefined) this.print(`  ${text}`);
  }

  onProgress(progress: LoadProgress): void {
    const seconds = Math.floor(progress.elapsedMs / 1000);
    const total = Math.round(progress.durationMs / 1000);
    const done = progress.completed;
    const availability = done === 0 ? null : progress.ok / done;
    const bucket = progress.bucket;
    const recent = bucket ? `  last second: ${bucket.ok}/${bucket.count} ok, p99 ${formatMs(bucket.p99Ms)}` : '';
    const text = `  load ${seconds}s/${total}s  ${progress.issued} sent  ${progress.ok} ok  ${progress.notOk} not ok  avail. ${formatPercent(availability)}${recent}`;
    if (this.stream.isTTY) {
      const width = this.stream.columns ?? 120;
      this.stream.write(`\r\x1b[2K${text.slice(0, width - 1)}`);
      this.progressShown = true;
    } else if (progress.elapsedMs - this.lastPlainMs >= plainProgressEveryMs || progress.elapsedMs >= progress.durationMs) {
      if (progress.elapsedMs - this.lastPlainMs < 1000) return;
      this.lastPlainMs = progress.elapsedMs;
      line(this.stream, text);
    }
  }

  onRunEnd(result: RunResult): void {
    this.print(consoleSummary(result, this.style));
  }

  private print(text: string): void {
    if (this.progressShown) {
      this.stream.write('\r\x1b[2K');
      this.progressShown = false;
    }
    line(this.stream, text);
  }
}

/** Controller steps worth a console line while the run goes (the rest are in the journal). */
const notableControllerSteps = new Set(['primary-down', 'promoted', 'rerouted', 'fenced', 'rejoined', 'rejoin-failed', 'failover-blocked', 'failover-aborted', 'switchover-done', 'promote-done']);

function describeEvent(type: string, data: Readonly<Record<string, unknown>>): string | undefined {
  switch (type) {
    case 'stale-runs-removed': return `removed leftovers of earlier runs: ${String(data.runs)}`;
    case 'stack-starting': return `starting ${(data.services as string[]).join(', ')}`;
    case 'stack-ready': return `stack ready; load goes to ${String(data.entry)}`;
    case 'steady-state-before': return `steady state before: ${data.ok ? 'holds' : 'DOES NOT HOLD'} (${String(data.detail)})`;
    case 'warmup-start': return `warm-up: ramping to ${String(data.rate)} req/s over ${formatMs(data.rampMs as number)}, then holding until latency is steady (not measured)`;
    case 'warmup-end': return data.steady ? `warm-up: ${String(data.detail)}` : `warm-up: NOT STEADY — ${String(data.detail)}`;
    case 'generator-behind': return `load generator behind its schedule from ${formatMs(data.fromMs as number)} to ${formatMs(data.toMs as number)} (${String(data.requests)} requests): ${String(data.why)}`;
    case 'load-start': return `load: ${String(data.rate)} req/s for ${formatMs(data.durationMs as number)} (${String(data.plannedRequests)} requests)`;
    case 'fault-injected': return `${String(data.fault)} at ${formatMs(data.loadMs as number)}: ${data.verified ? 'took effect' : 'NOT VERIFIED'} — ${String(data.detail)}`;
    case 'fault-reverted': return `${String(data.fault)} reverted at ${formatMs(data.loadMs as number)}${data.error ? ` (revert failed: ${String(data.error)})` : ''}`;
    case 'lb-server': return `load balancer: ${String(data.server)} ${String(data.from)} → ${String(data.to)} at ${formatMs(data.loadMs as number)}`;
    case 'load-end': return `load finished: ${String(data.issued)} requests`;
    case 'steady-state-after': return `steady state after: ${data.ok ? 'holds' : 'DOES NOT HOLD'} (${String(data.detail)})`;
    case 'teardown-start': return 'tearing down';
    case 'controller': return notableControllerSteps.has(String(data.step)) ? `controller: ${String(data.step)} at ${formatMs(data.loadMs as number)}${data.node ? ` (${String(data.node)})` : ''}` : undefined;
    case 'replication-mode': return data.previousMode === undefined || data.previousMode === null ? undefined : `replication: ${String(data.primary)} ${String(data.previousMode)} → ${String(data.mode)} at ${formatMs(data.loadMs as number)} (${String(data.why)})`;
    case 'threshold-abort': return `threshold ${String(data.key)} ${String(data.source)} crossed at ${formatMs(data.loadMs as number)} (abortOnFail): stopping load and faults`;
    case 'ledger': return `ledger: ${String(data.acknowledged)} acknowledged writes, ${String(data.lost)} lost, ${String(data.phantom)} phantom`;
    default: return undefined;
  }
}
