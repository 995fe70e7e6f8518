import { describe, expect, it } from 'vitest';
import { Trend, trendStats } from '../../../src/metrics/trend-stats.js';

describe('trendStats', () => {
  it("should produce k6's summary columns for the fixture 10, 15, 20", () => {
    const stats = trendStats([10, 20, 15]);
    expect(stats.count).toBe(3);
    expect(stats.avg).toBe(15);
    expect(stats.min).toBe(10);
    expect(stats.med).toBe(15);
    expect(stats.max).toBe(20);
    expect(stats['p(90)']).toBeCloseTo(19, 9);
    expect(stats['p(95)']).toBeCloseTo(19.5, 9);
    expect(stats['p(99)']).toBeCloseTo(19.9, 9);
  });

  it('should report zeros for an empty trend, as k6 does', () => {
    expect(trendStats([])).toEqual({ count: 0, avg: 0, min: 0, med: 0, max: 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 0 });
  });

  it('should answer any k6 aggregation by name', () => {
    const trend = new Trend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(trend.aggregate('avg')).toBe(5.5);
    expect(trend.aggregate('min')).toBe(1);
    expect(trend.aggregate('max')).toBe(10);
    expect(trend.aggregate('med')).toBe(5.5);
    expect(trend.aggregate('count')).toBe(10);
    expect(trend.aggregate('p(0)')).toBe(1);
    expect(trend.aggregate('p(100)')).toBe(10);
    // i = 0.999 · 9 = 8.991 → 9 + 0.991
    expect(trend.aggregate('p(99.9)')).toBeCloseTo(9.991, 9);
  });

  it('should return undefined for names that are not trend aggregations', () => {
    const trend = new Trend([1, 2]);
    expect(trend.aggregate('rate')).toBeUndefined();
    expect(trend.aggregate('p(101)')).toBeUndefined();
    expect(trend.aggregate('p95')).toBeUndefined();
  });

  it('should ignore NaN samples', () => {
    const trend = new Trend(Float64Array.from([Number.NaN, 4, 2]));
    expect(trend.count).toBe(2);
    expect(trend.avg).toBe(3);
    expect(trend.percentile(100)).toBe(4);
  });
});
