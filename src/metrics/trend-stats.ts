import { percentileOfSorted, sortedSamples } from './percentile.js';

/** The k6 summary columns of a trend metric, in milliseconds for time trends. */
export interface TrendStats {
  readonly count: number;
  readonly avg: number;
  readonly min: number;
  readonly med: number;
  readonly max: number;
  readonly 'p(90)': number;
  readonly 'p(95)': number;
  readonly 'p(99)': number;
}

/** The summary of `values` (k6 semantics: every column is 0 when there are no samples). */
export function trendStats(values: ArrayLike<number>): TrendStats {
  return new Trend(values).summary();
}

const percentileName = /^p\((\d+(?:\.\d+)?)\)$/;

/**
 * A trend over a set of values that answers any k6 aggregation. Count, min, max and average are
 * taken in one pass on construction; the sort needed for percentiles happens once, on the first
 * percentile asked for, so building a trend that is only counted stays O(n).
 */
export class Trend {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  private readonly values: ArrayLike<number>;
  private sortedCache: Float64Array | undefined;

  /** @param values the samples; `NaN`s are ignored. The array is read, never changed. */
  constructor(values: ArrayLike<number>) {
    this.values = values;
    let count = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.count = count;
    this.min = count === 0 ? 0 : min;
    this.max = count === 0 ? 0 : max;
    this.avg = count === 0 ? 0 : sum / count;
  }

  /** The samples in ascending order (sorted once, then cached). */
  get sorted(): Float64Array {
    this.sortedCache ??= sortedSamples(this.values);
    return this.sortedCache;
  }

  get med(): number {
    return this.percentile(50);
  }

  /** The k6 percentile `p(pct)`, with `pct` from 0 to 100. */
  percentile(pct: number): number {
    return percentileOfSorted(this.sorted, pct / 100);
  }

  /**
   * The value of a k6 aggregation by name: `avg`, `min`, `max`, `med`, `count` or `p(N)` with
   * 0 ≤ N ≤ 100; `undefined` for any other name.
   */
  aggregate(name: string): number | undefined {
    switch (name) {
      case 'avg': return this.avg;
      case 'min': return this.min;
      case 'max': return this.max;
      case 'med': return this.med;
      case 'count': return this.count;
    }
    const match = percentileName.exec(name);
    if (!match) return undefined;
    const pct = Number(match[1]);
    return pct <= 100 ? this.percentile(pct) : undefined;
  }

  /** The k6 summary columns plus `p(99)`. */
  summary(): TrendStats {
    return {
      count: this.count,
      avg: this.avg,
      min: this.min,
      med: this.med,
      max: this.max,
      'p(90)': this.percentile(90),
      'p(95)': this.percentile(95),
      'p(99)': this.percentile(99),
    };
  }
}
