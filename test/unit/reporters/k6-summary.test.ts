import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { k6Summary } from '../../../src/reporters/k6-summary.js';
import { syntheticResult } from './_result.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('k6Summary', () => {
  const result = syntheticResult();
  const summary = k6Summary(result, result.statsFor, { stdout: false, stderr: false });

  it('should count failed requests as passes of http_req_failed, like k6', () => {
    expect(summary.metrics.http_req_failed).toEqual({ type: 'rate', contains: 'default', values: { rate: 0.05, passes: 50, fails: 950 }, thresholds: { 'rate<0.01': { ok: false } } });
    expect(summary.metrics.http_reqs?.values).toEqual({ count: 1000, rate: 100 });
  });

  it('should give trends exactly the declared summaryTrendStats columns', () => {
    const duration = summary.metrics.http_req_duration!;
    expect(duration.type).toBe('trend');
    expect(duration.contains).toBe('time');
    expect(Object.keys(duration.values)).toEqual(summary.options.summaryTrendStats);
    expect(duration.values.max).toBe(2);
  });

  it('should add a submetric under the threshold key as written, with its threshold', () => {
    const before = summary.metrics['http_req_duration{phase:before}']!;
    expect(before.values['p(95)']).toBe(2);
    expect(before.thresholds).toEqual({ 'p(95)<50': { ok: true } });
  });

  it('should have one check per SLO in the root group with md5 ids', () => {
    expect(summary.root_group.id).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(summary.root_group.checks.map((c) => c.name)).toEqual(result.slos.map((s) => s.name));
    for (const check of summary.root_group.checks) {
      expect(check.path).toBe(`::${check.name}`);
      expect(check.id).toBe(md5(check.path));
      expect(check.passes + check.fails).toBe(1);
    }
    const failed = result.slos.filter((s) => s.status === 'fail').length;
    expect(summary.metrics.checks?.values).toEqual({ rate: (result.slos.length - failed) / result.slos.length, passes: result.slos.length - failed, fails: failed });
  });

  it('should report the outage as a time trend', () => {
    expect(summary.metrics.faultline_outage_duration?.values.max).toBe(502);
    expect(summary.state.testRunDurationMs).toBe(10_000);
  });
});
