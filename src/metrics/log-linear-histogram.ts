/** Sub-buckets per power of two: bucket width ≤ 2^-7 of the value (0.78 %). */
const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS;
/** Values are counted in whole microseconds. */
const UNITS_PER_MS = 1000;
/** 2^31 µs ≈ 36 min; longer values are clamped (no request lasts that long). */
const MAX_UNITS = 2 ** 31 - 1;

/**
 * A small HDR-style log-linear histogram of millisecond values with bounded memory.
 *
 * Precision: values are counted in whole microseconds; below 128 µs every microsecond has its
 * own bin, above that each power of two is split into 128 bins, so a bin is at most 0.78 % of
 * its value wide. Quantiles report the bin's midpoint clamped to the exact min and max, so they
 * are within ±0.4 % (or ±0.5 µs) of a true sample value. At most ~3,500 bins exist, stored
 * sparsely, so memory depends on how spread the values are, not on how many there are.
 */
export class LogLinearHistogram {
  private readonly bins = new Map<number, number>();
  private countValue = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;

  get count(): number {
    return this.countValue;
  }

  /** Smallest value added, exact; `null` when empty. */
  get min(): number | null {
    return this.countValue === 0 ? null : this.minValue;
  }

  /** Largest value added, exact; `null` when empty. */
  get max(): number | null {
    return this.countValue === 0 ? null : this.maxValue;
  }

  /** Adds one value in milliseconds; negative values count as 0, `NaN` is ignored. */
  add(valueMs: number): void {
    if (Number.isNaN(valueMs)) return;
    const v = Math.max(0, valueMs);
    const index = binIndex(Math.min(MAX_UNITS, Math.floor(v * UNITS_PER_MS)));
    this.bins.set(index, (this.bins.get(index) ?? 0) + 1);
    this.countValue++;
    if (v < this.minValue) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
  }

  /**
   * The value at `fraction` (0…1) by nearest rank; `null` when empty. Approximate, see the class
   * comment; exact run-wide percentiles come from `Trend`.
   */
  quantile(fraction: number): number | null {
    if (this.countValue === 0) return null;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, fraction)) * this.countValue));
    const indices = [...this.bins.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const index of indices) {
      seen += this.bins.get(index) ?? 0;
      if (seen >= rank) return Math.min(this.maxValue, Math.max(this.minValue, binMidpointMs(index)));
    }
    return this.maxValue;
  }
}

function binIndex(units: number): number {
  if (units < SUB_COUNT) return units;
  const exponent = 31 - Math.clz32(units);
  const sub = (units >>> (exponent - SUB_BITS)) - SUB_COUNT;
  return SUB_COUNT + (exponent - SUB_BITS) * SUB_COUNT + sub;
}

function binMidpointMs(index: number): number {
  if (index < SUB_COUNT) return (index + 0.5) / UNITS_PER_MS;
  const exponent = Math.floor((index - SUB_COUNT) / SUB_COUNT) + SUB_BITS;
  const sub = (index - SUB_COUNT) % SUB_COUNT;
  const width = 2 ** (exponent - SUB_BITS);
  const low = (SUB_COUNT + sub) * width;
  return (low + width / 2) / UNITS_PER_MS;
}
