import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunResult } from '../../run/run-result.js';
import { readRequestsFile } from '../requests-file.js';
import type { Reporter } from '../reporter.js';
import { htmlReportData, type RunEvent } from './report-data.js';
import { htmlReport, type ChartAssets } from './report-page.js';

/** Events the timeline draws that the result does not hold. */
const timelineEvents = new Set(['lb-server']);

/** report.html: the run on one time axis, self-contained, written from the result, requests.bin and the run's events. */
export function htmlReporter(): Reporter {
  const events: RunEvent[] = [];
  return {
    onEvent(type, data) {
      if (timelineEvents.has(type)) events.push({ type, data });
    },
    async onRunEnd(result: RunResult) {
      const requests = join(result.reportDir, 'requests.bin');
      const samples = existsSync(requests) ? await readRequestsFile(requests) : undefined;
      const { statsFor: _statsFor, ...stored } = result;
      await writeFile(join(result.reportDir, 'report.html'), htmlReport(htmlReportData(stored, samples, events), await chartAssets()));
    },
  };
}

/** uPlot's browser build, read from the installed package (MIT; inlined, never fetched). */
export async function chartAssets(): Promise<ChartAssets> {
  const dist = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
  return { js: await readFile(join(dist, 'uPlot.iife.min.js'), 'utf8'), css: await readFile(join(dist, 'uPlot.min.css'), 'utf8') };
}
