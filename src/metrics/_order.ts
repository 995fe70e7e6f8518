/**
 * Indices of the rows that pass `include`, ordered by `key` ascending and then by `tieBreak` and
 * row index, so equal times give a stable, reproducible order.
 *
 * Recorded rows are usually already in (or near) order, so the sort is skipped when a linear
 * check finds them sorted; that keeps the common case O(n) on million-row runs.
 */
export function orderBy(
  length: number,
  key: Float64Array,
  tieBreak: Float64Array,
  include: (row: number) => boolean,
): Uint32Array {
  let count = 0;
  const picked = new Uint32Array(length);
  for (let i = 0; i < length; i++) if (include(i)) picked[count++] = i;
  const rows = picked.subarray(0, count);
  const compare = (a: number, b: number): number =>
    (key[a] as number) - (key[b] as number) || (tieBreak[a] as number) - (tieBreak[b] as number) || a - b;
  for (let i = 1; i < count; i++) {
    if (compare(rows[i - 1] as number, rows[i] as number) > 0) {
      rows.sort(compare);
      break;
    }
  }
  return rows;
}
