import { describe, expect, it } from 'vitest';
import { parseThresholdExpression, parseThresholdKey } from '../../../src/slo/threshold-parser.js';

describe('parseThresholdExpression', () => {
  it.each([
    ['p(95)<500', '<', 500],
    ['p(95)<=500', '<=', 500],
    ['p(95)>500', '>', 500],
    ['p(95)>=500', '>=', 500],
    ['p(95)==500', '==', 500],
    ['p(95)===500', '==', 500],
    ['p(95)!=500', '!=', 500],
  ] as const)('should parse operator in %s', (source, op, value) => {
    expect(parseThresholdExpression(source, 'http_req_duration')).toEqual({ ok: true, aggregation: 'p(95)', op, value });
  });

  it('should trim whitespace around both sides', () => {
    expect(parseThresholdExpression('  avg   <=  12.5 ', 'http_req_duration')).toEqual({ ok: true, aggregation: 'avg', op: '<=', value: 12.5 });
  });

  it.each(['avg', 'min', 'max', 'med', 'p(0)', 'p(50)', 'p(99.9)', 'p(100)'])('should accept trend aggregation %s', (aggregation) => {
    expect(parseThresholdExpression(`${aggregation}<1`, 'http_req_duration')).toMatchObject({ ok: true, aggregation });
    expect(parseThresholdExpression(`${aggregation}<1`, 'http_req_blocked')).toMatchObject({ ok: true, aggregation });
  });

  it('should normalise a percentile as k6 keys it', () => {
    expect(parseThresholdExpression('p(95.0)<1', 'http_req_duration')).toMatchObject({ aggregation: 'p(95)' });
  });

  it('should accept rate for http_req_failed and count or rate for http_reqs', () => {
    expect(parseThresholdExpression('rate<0.01', 'http_req_failed')).toEqual({ ok: true, aggregation: 'rate', op: '<', value: 0.01 });
    expect(parseThresholdExpression('count>100', 'http_reqs')).toEqual({ ok: true, aggregation: 'count', op: '>', value: 100 });
    expect(parseThresholdExpression('rate>=50', 'http_reqs')).toEqual({ ok: true, aggregation: 'rate', op: '>=', value: 50 });
  });

  it.each([
    ['rate<0.01', 'http_req_duration', 'avg, min, max, med, p(N)'],
    ['count>1', 'http_req_duration', 'avg, min, max, med, p(N)'],
    ['p(95)<1', 'http_req_failed', 'allowed for http_req_failed (a rate metric): rate'],
    ['count<1', 'http_req_failed', 'allowed for http_req_failed (a rate metric): rate'],
    ['avg<1', 'http_reqs', 'allowed for http_reqs (a counter metric): count, rate'],
    ['value<1', 'http_reqs', 'count, rate'],
  ] as const)('should reject %s on %s and name the allowed aggregations', (source, metric, allowed) => {
    const result = parseThresholdExpression(source, metric);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(allowed);
      expect(result.message).toContain(source);
    }
  });

  it.each([
    ['p(101)<1', 'outside 0 to 100'],
    ['p(-1)<1', 'percentile -1 in \'p(-1)\' is outside 0 to 100'],
    ['p(abc)<1', "'abc' in 'p(abc)' is not a number"],
    ['P(95)<1', "unknown aggregation 'P(95)'"],
    ['p95<1', "unknown aggregation 'p95'"],
    ['<500', 'no aggregation'],
    ['p(95)<', "'' after '<' is not a number"],
    ['p(95)<abc', "'abc' after '<' is not a number"],
    ['p(95)<500<600', "'500<600' after '<' is not a number"],
    ['p(95)<NaN', 'is not a number'],
    ['p(95)=>500', "unknown aggregation 'p(95)='"],
  ])('should reject %s with a message saying what is wrong', (source, expected) => {
    const result = parseThresholdExpression(source, 'http_req_duration');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain(expected);
  });

  it('should name the operators when there is none', () => {
    const result = parseThresholdExpression('p(95) 500', 'http_req_duration');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) {
      expect(result.message).toContain('>, >=, <=, <, ==, ===, !=');
      expect(result.message).toContain("'p(95)<500'");
    }
  });

  it('should read numbers the way people write them', () => {
    expect(parseThresholdExpression('avg<1e3', 'http_req_duration')).toMatchObject({ value: 1000 });
    expect(parseThresholdExpression('avg>-5', 'http_req_duration')).toMatchObject({ value: -5 });
    expect(parseThresholdExpression('avg<.5', 'http_req_duration')).toMatchObject({ value: 0.5 });
  });
});

describe('parseThresholdKey', () => {
  it('should parse a bare metric name', () => {
    expect(parseThresholdKey('http_req_duration')).toEqual({ ok: true, metric: 'http_req_duration', tags: {} });
    expect(parseThresholdKey('http_reqs')).toEqual({ ok: true, metric: 'http_reqs', tags: {} });
  });

  it('should parse tags, with spaces and quotes as k6 allows', () => {
    expect(parseThresholdKey('http_req_duration{phase:during}')).toEqual({ ok: true, metric: 'http_req_duration', tags: { phase: 'during' } });
    expect(parseThresholdKey("http_req_failed{ phase : 'after' , op:\"write\" }"))
      .toEqual({ ok: true, metric: 'http_req_failed', tags: { phase: 'after', op: 'write' } });
    expect(parseThresholdKey('http_req_duration{expected_response:true}')).toEqual({ ok: true, metric: 'http_req_duration', tags: { expectedResponse: true } });
    expect(parseThresholdKey('faultline_response_time{phase:during}')).toEqual({ ok: true, metric: 'faultline_response_time', tags: { phase: 'during' } });
  });

  it.each([
    ['http_req_waiting', 'allowed: http_req_duration, http_req_failed, http_reqs, http_req_blocked, faultline_response_time'],
    // Keys k6 itself rejects (grafana/k6 ParseMetricName, AddSubmetric).
    ['http_req_blocked{}', "'' in 'http_req_blocked{}' is not a tag:value pair"],
    ['http_req_duration {phase:during}', "unknown metric 'http_req_duration ' in 'http_req_duration {phase:during}' (no spaces around the metric name, as in k6)"],
    [' http_req_duration', 'no spaces around the metric name'],
    ['http_req_duration{phase:during,}', 'is not a tag:value pair'],
    ['http_req_duration{phase:}', "'phase:' in 'http_req_duration{phase:}' is not a tag:value pair"],
    ['http_req_duration{status:200}', "unknown tag 'status'"],
    ['http_req_duration{status:200}', 'allowed tags: phase (before, during, after), op (read, write)'],
    ['http_req_duration{phase:durng}', "cannot be 'durng'; allowed: before, during, after"],
    ['http_req_duration{op:delete}', "cannot be 'delete'; allowed: read, write"],
    ['http_req_duration{phase}', "'phase' in 'http_req_duration{phase}' is not a tag:value pair"],
    ['http_req_duration{phase:during,phase:after}', "tag 'phase' appears twice"],
    ['http_req_duration{phase:during', 'unmatched opening brace'],
    ['http_req_duration}', 'unmatched closing brace'],
    ['http_req_duration}{', 'closing brace before the opening one'],
    ['http_req_duration{op:read}x', 'text after the closing brace'],
  ])('should reject %s with a message naming what is allowed', (key, expected) => {
    const result = parseThresholdKey(key);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain(expected);
  });
});
