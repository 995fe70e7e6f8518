import type { RunResult } from '../run/run-result.js';
import type { SloResult } from '../slo/slo-result.js';
import { formatMs, formatSloActual } from './format.js';
import { keyFigures } from './key-figures.js';

const verdictMark: Readonly<Record<RunResult['verdict'], string>> = { passed: '✅', failed: '❌', unknown: '⚠️', errored: '💥', interrupted: '⏹️' };
const sloMark: Readonly<Record<SloResult['status'], string>> = { pass: '✅', fail: '❌', 'no-data': '⚠️' };

/**
 * summary.md: the run for a person reading a CI page, GitHub-flavoured: the verdict, the SLO
 * table, the key figures (the console's, in its words) and the faults. Pure.
 */
export function markdownSummary(result: RunResult): string {
  const out: string[] = [];
  out.push(`### ${verdictMark[result.verdict]} ${inline(result.plan.name)}: ${result.verdict.toUpperCase()} (exit ${result.exitCode})`);
  out.push('');
  out.push(`Run \`${result.runId}\`, ${formatMs(result.durationMs)}${result.plan.file ? `, scenario \`${inline(result.plan.file)}\`` : ''}.`);
  if (result.reason) out.push('', `> ${inline(result.reason)}`);
  if (result.slos.length > 0) {
    out.push('', '| | objective | measured | detail |', '|---|---|---|---|');
    for (const slo of result.slos) out.push(`| ${sloMark[slo.status]} | ${cell(slo.name)} | ${slo.status === 'no-data' ? 'no data' : cell(formatSloActual(slo))} | ${cell(slo.detail)} |`);
  }
  const figures = keyFigures(result);
  if (figures.length > 0) {
    out.push('', '| key figure | value |', '|---|---|');
    for (const figure of figures) out.push(`| ${cell(figure.name)} | ${cell(figure.value)} |`);
  }
  if (result.faults.length > 0) {
    out.push('', '| fault | injected | took effect |', '|---|---|---|');
    for (const fault of result.faults) {
      const at = fault.injectStartMs === undefined ? `not injected (planned at ${formatMs(fault.plannedAtMs)})` : formatMs(fault.injectStartMs);
      out.push(`| ${cell(`${fault.id}: ${fault.label}`)} | ${cell(at)} | ${fault.verified ? '✅' : '⚠️'} ${cell(fault.detail)} |`);
    }
  }
  out.push('');
  return out.join('\n');
}

/** Text inside a table cell: pipes escaped, lines joined, HTML left inert. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
