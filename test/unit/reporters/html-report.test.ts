import { describe, expect, it } from 'vitest';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import { htmlReportData } from '../../../src/reporters/html/report-data.js';
import { htmlReport, jsonForScript } from '../../../src/reporters/html/report-page.js';
import { syntheticResult } from './_result.js';

const stored = () => {
  const { statsFor: _statsFor, ...result } = syntheticResult();
  return result;
};
// 100 req/s for 10 s; requests due in [4000, 4500) failed.
const samples = samplesFromRows(Array.from({ length: 1000 }, (_, i) => {
  const scheduledMs = i * 10;
  const failed = scheduledMs >= 4000 && scheduledMs < 4500;
  return { scheduledMs, endMs: scheduledMs + 2, outcome: failed ? 'fail' as const : 'ok' as const, op: 'read' as const };
}));

describe('the HTML report data', () => {
  it('should bucket at 250 ms in requests per second, and carry the console\'s own figures', () => {
    const data = htmlReportData(stored(), samples, []);
    expect(data.bucketMs).toBe(250);
    expect(data.series.t.length).toBe(40);
    expect(data.series.ok[0]).toBe(100); // 25 requests in 250 ms
    expect(data.series.fail[16]).toBe(100); // 4.00–4.25 s: all failed
    expect(data.figures.find((f) => f.name === 'availability')?.value).toBe('95.00%');
    expect(data.bands).toEqual([{ id: 'fault-1', kind: 'kill', tone: 'kill', fromS: 4, toS: 10, label: 'fault-1: kill app-1 (SIGKILL)' }]);
    expect(data.lanes.find((l) => l.name === 'outages')?.items).toHaveLength(1);
  });

  it('should keep a long run light: no more than 4000 buckets, each a multiple of 250 ms', () => {
    const result = stored();
    const long = { ...result, load: { ...result.load!, durationMs: 30 * 60_000 } };
    const data = htmlReportData(long, undefined, []);
    expect(data.bucketMs).toBe(500);
  });

  it('should put the load balancer\'s transitions on their lane', () => {
    const data = htmlReportData(stored(), samples, [{ type: 'lb-server', data: { server: 'app-1', from: 'UP', to: 'DOWN', loadMs: 4200 } }]);
    expect(data.lanes.find((l) => l.name === 'load balancer')?.items).toEqual([{ fromS: 4.2, tone: 'down', label: 'app-1 UP → DOWN' }]);
  });
});

describe('report.html', () => {
  it('should be one file that fetches nothing, under a policy that forbids it, with user text unable to end its script', () => {
    const result = stored();
    const hostile = { ...result, plan: { ...result.plan, description: '</script><script>alert(1)</script>' } };
    const page = htmlReport(htmlReportData(hostile, samples, []), { js: 'window.uPlot = function () {};', css: '.u-legend {}' });
    expect(page).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(page.match(/<\/script>/g)?.length).toBe(3); // data, chart library, page script
    expect(jsonForScript({ text: '</script>\u2028' })).toBe('{"text":"\\u003c/script>\\u2028"}');
  });
});
