/** One reading of which database nodes accept writes (`read_only = 0`). */
export interface WriterSample {
  /** Milliseconds since load start. */
  readonly atMs: number;
  /** Node → writable; a node that could not be asked is absent. */
  readonly writable: Readonly<Record<string, boolean>>;
}

export interface SingleWriterResult {
  readonly samples: number;
  /** Largest gap between two consecutive samples: the check's resolution. */
  readonly maxGapMs: number;
  /** Samples in which more than one node was writable. */
  readonly violations: readonly { readonly atMs: number; readonly nodes: readonly string[] }[];
  /** Samples in which no node was writable (a write outage seen from the database side). */
  readonly noWriter: number;
}

/** Checks the single-writer invariant over a run's samples. Pure. */
export function checkSingleWriter(samples: readonly WriterSample[]): SingleWriterResult {
  const ordered = [...samples].sort((a, b) => a.atMs - b.atMs);
  let maxGapMs = 0;
  const violations: { atMs: number; nodes: string[] }[] = [];
  let noWriter = 0;
  ordered.forEach((sample, i) => {
    if (i > 0) maxGapMs = Math.max(maxGapMs, sample.atMs - ordered[i - 1]!.atMs);
    const writers = Object.entries(sample.writable).filter(([, writable]) => writable).map(([node]) => node);
    if (writers.length > 1) violations.push({ atMs: sample.atMs, nodes: writers.sort() });
    if (writers.length === 0) noWriter++;
  });
  return { samples: ordered.length, maxGapMs, violations, noWriter };
}
