import { describe, expect, it } from 'vitest';
import { percentile, percentileOfSorted, sortedSamples } from '../../../src/metrics/percentile.js';

describe('percentile', () => {
  it("should match k6's summary fixture for 10, 15, 20", () => {
    const sorted = sortedSamples([20, 10, 15]);
    expect(percentileOfSorted(sorted, 0.5)).toBe(15);
    expect(percentileOfSorted(sorted, 0.9)).toBeCloseTo(19, 9);
    expect(percentileOfSorted(sorted, 0.95)).toBeCloseTo(19.5, 9);
    expect(percentileOfSorted(sorted, 0.99)).toBeCloseTo(19.9, 9);
  });

  it('should return 0 for no samples and the sample itself for one', () => {
    expect(percentile([], 0.95)).toBe(0);
    expect(percentile([42], 0.01)).toBe(42);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('should interpolate linearly between neighbours', () => {
    // i = 0.25 · 4 = 1 → exactly the second value; i = 0.3 · 4 = 1.2 → 20% of the way to the third.
    expect(percentile([0, 10, 20, 30, 40], 0.25)).toBe(10);
    expect(percentile([0, 10, 20, 30, 40], 0.3)).toBeCloseTo(12, 9);
  });

  it('should return min and max at the ends and clamp fractions outside 0…1', () => {
    const values = [5, 1, 9, 3];
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 1)).toBe(9);
    expect(percentile(values, -1)).toBe(1);
    expect(percentile(values, 2)).toBe(9);
  });

  it('should sort numerically, not as strings', () => {
    expect(sortedSamples([100, 9, 20])).toEqual(Float64Array.from([9, 20, 100]));
  });

  it('should drop NaN and leave the input untouched', () => {
    const input = Float64Array.from([3, Number.NaN, 1, 2]);
    expect(Array.from(sortedSamples(input))).toEqual([1, 2, 3]);
    expect(Array.from(input)).toEqual([3, Number.NaN, 1, 2]);
    expect(percentile(input, 1)).toBe(3);
  });
});
