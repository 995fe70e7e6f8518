import type { RunResult } from '../run/run-result.js';

/**
 * JUnit XML with one testcase per SLO. A missed SLO is a `<failure>`; one with nothing to judge
 * is an `<error>`. When the run errored or was interrupted every SLO is an `<error>` (nothing was
 * judged); when the verdict is unknown (a fault not injected or verified, the generator behind),
 * SLOs that passed become `<error>`s too, since a pass would not mean the system survived it.
 */
export function junitReport(result: RunResult): string {
  const name = result.plan.name;
  const seconds = (result.durationMs / 1000).toFixed(3);
  const inconclusive = result.verdict === 'errored' || result.verdict === 'interrupted' || result.verdict === 'unknown';
  const cases = result.slos.map((slo) => {
    const head = `    <testcase classname="faultline.${xml(name)}" name="${xml(slo.name)}" time="0">`;
    if (slo.status === 'fail') {
      return `${head}\n      <failure message="${xml(slo.detail)}" type="slo-missed">${xml(slo.detail)}</failure>\n    </testcase>`;
    }
    if (slo.status === 'no-data') {
      return `${head}\n      <error message="${xml(`no data: ${slo.detail}`)}" type="no-data">${xml(slo.detail)}</error>\n    </testcase>`;
    }
    if (inconclusive) {
      const why = result.reason ?? result.verdict;
      return `${head}\n      <error message="${xml(`inconclusive: ${why}`)}" type="${result.verdict}">${xml(slo.detail)}</error>\n    </testcase>`;
    }
    return `${head}\n      <system-out>${xml(slo.detail)}</system-out>\n    </testcase>`;
  });
  // A run that ended before any SLO was judged still needs a red testcase in CI.
  if (result.slos.length === 0) {
    cases.push(`    <testcase classname="faultline.${xml(name)}" name="run" time="${seconds}">\n      <error message="${xml(result.reason ?? result.verdict)}" type="${result.verdict}"/>\n    </testcase>`);
  }
  const failures = result.slos.filter((slo) => slo.status === 'fail').length;
  const unjudged = result.slos.filter((slo) => slo.status === 'no-data').length;
  const errors = result.slos.length === 0 ? 1 : unjudged + (inconclusive ? result.slos.filter((slo) => slo.status === 'pass').length : 0);
  const tests = Math.max(1, result.slos.length);
  const properties = [
    ['faultline.run', result.runId],
    ['faultline.verdict', result.verdict],
    ['faultline.exit-code', String(result.exitCode)],
    ...(result.reason ? [['faultline.reason', result.reason]] : []),
    ...(result.plan.file ? [['faultline.scenario-file', result.plan.file]] : []),
    ...result.drills.flatMap((d) => [
      [`faultline.drill.${d.faultId}.rto-ms`, d.rtoMs === null ? 'not recovered' : String(Math.round(d.rtoMs))],
      [`faultline.drill.${d.faultId}.rpo-ms`, d.rpoMs === null ? 'unknown' : String(Math.round(d.rpoMs))],
      [`faultline.drill.${d.faultId}.rpo-writes-lost`, String(d.rpoCount)],
      [`faultline.drill.${d.faultId}.rto-breakdown`, d.breakdown.map((p) => `${p.name}=${Math.round(p.ms)}ms`).join(' ')],
    ]),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="faultline" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds}">`,
    `  <testsuite name="${xml(name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds}" timestamp="${result.startedAt}">`,
    '    <properties>',
    ...properties.map(([key, value]) => `      <property name="${xml(key!)}" value="${xml(value!)}"/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
