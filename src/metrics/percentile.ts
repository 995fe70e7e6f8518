/**
 * Percentiles exactly as k6 computes them (`TrendSink.P` before k6 switched to an HDR sink):
 * sort ascending, take index `i = fraction · (n − 1)` and interpolate linearly between the values
 * at `floor(i)` and `ceil(i)`. No samples gives 0 and one sample gives that sample, as in k6.
 *
 * Runs can hold millions of samples, so sorting is separated from lookup: sort a typed-array copy
 * once with {@link sortedSamples}, then ask {@link percentileOfSorted} as often as needed.
 */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  return percentileOfSorted(sortedSamples(values), fraction);
}

/**
 * An ascending copy of `values` with `NaN`s dropped (a `NaN` is a missing measurement, not a
 * value). The input is never modified.
 */
export function sortedSamples(values: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(values);
  // A typed-array sort without comparator is numeric and puts NaN last, so dropping NaN is a
  // subarray, not a second pass with a copy.
  copy.sort();
  let end = copy.length;
  while (end > 0 && Number.isNaN(copy[end - 1])) end--;
  return end === copy.length ? copy : copy.subarray(0, end);
}

/**
 * The k6 percentile of an ascending array (see {@link sortedSamples}).
 * @param fraction 0…1, e.g. 0.95 for `p(95)`; values outside are clamped.
 */
export function percentileOfSorted(sorted: Float64Array, fraction: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (n === 1) return sorted[0] as number;
  const f = Math.min(1, Math.max(0, fraction));
  const i = f * (n - 1);
  const lower = Math.floor(i);
  const upper = Math.ceil(i);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (i - lower);
}
