import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../run/run-result.js';
import { junitReport } from './junit-report.js';
import { k6Summary } from './k6-summary.js';
import { markdownSummary } from './markdown-summary.js';
import type { Reporter } from './reporter.js';

/** summary.json in k6's handleSummary shape. */
export function summaryJsonReporter(tty: { stdout: boolean; stderr: boolean }): Reporter {
  return {
    async onRunEnd(result: RunResult) {
      const summary = k6Summary(result, result.statsFor, tty);
      await writeFile(join(result.reportDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    },
  };
}

export function junitReporter(): Reporter {
  return {
    async onRunEnd(result: RunResult) {
      await writeFile(join(result.reportDir, 'junit.xml'), junitReport(result));
    },
  };
}

/** result.json: faultline's own complete result (verdict, faults, outages, recoveries, SLOs). */
export function resultJsonReporter(): Reporter {
  return {
    async onRunEnd(result: RunResult) {
      const { statsFor: _statsFor, ...serialisable } = result;
      await writeFile(join(result.reportDir, 'result.json'), `${JSON.stringify(serialisable, null, 2)}\n`);
    },
  };
}

/** summary.md, also appended to `stepSummary` (GitHub's `$GITHUB_STEP_SUMMARY`) when given. */
export function markdownReporter(stepSummary: string | undefined): Reporter {
  return {
    async onRunEnd(result: RunResult) {
      const text = markdownSummary(result);
      await writeFile(join(result.reportDir, 'summary.md'), text);
      if (stepSummary) await appendFile(stepSummary, `${text}\n`);
    },
  };
}
