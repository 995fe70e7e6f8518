/**
 * Every request of a run, column by column. Times are milliseconds since load start on one
 * monotonic clock (the same clock fault injections are stamped with).
 */
export interface RequestSamples {
  readonly length: number;
  /** When the request was due under the open-loop schedule. */
  readonly scheduledMs: Float64Array;
  /** When its bytes were handed to the socket; `NaN` if it was never sent. */
  readonly sentMs: Float64Array;
  /** When its outcome became known (response, error or timeout). */
  readonly endMs: Float64Array;
  /** One of {@link Outcome}. */
  readonly outcome: Uint8Array;
  /** One of {@link Op}. */
  readonly op: Uint8Array;
  /** HTTP status, or 0 when there was no response. */
  readonly status: Uint16Array;
}

/** Jepsen-style outcome codes: ok happened, fail definitely did not happen, unknown may have. */
export const Outcome = { ok: 0, fail: 1, unknown: 2 } as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];
export const outcomeNames = ['ok', 'fail', 'unknown'] as const;

export const Op = { read: 0, write: 1 } as const;
export type OpCode = (typeof Op)[keyof typeof Op];
export const opNames = ['read', 'write'] as const;

/** Builds a {@link RequestSamples} from row objects; for tests and small synthetic histories. */
export function samplesFromRows(rows: readonly {
  scheduledMs: number;
  sentMs?: number;
  endMs: number;
  outcome: 'ok' | 'fail' | 'unknown';
  op?: 'read' | 'write';
  status?: number;
}[]): RequestSamples {
  const n = rows.length;
  const samples = {
    length: n,
    scheduledMs: new Float64Array(n),
    sentMs: new Float64Array(n),
    endMs: new Float64Array(n),
    outcome: new Uint8Array(n),
    op: new Uint8Array(n),
    status: new Uint16Array(n),
  };
  rows.forEach((row, i) => {
    samples.scheduledMs[i] = row.scheduledMs;
    samples.sentMs[i] = row.sentMs ?? row.scheduledMs;
    samples.endMs[i] = row.endMs;
    samples.outcome[i] = Outcome[row.outcome];
    samples.op[i] = Op[row.op ?? 'read'];
    samples.status[i] = row.status ?? (row.outcome === 'ok' ? 200 : 0);
  });
  return samples;
}
