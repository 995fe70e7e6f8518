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
  /** Bits of {@link RequestFlag}: what the load generator itself noticed about the request. */
  readonly flags: Uint8Array;
}

/**
 * Per-request flags. The first three mean the load generator, not the system under test, was
 * behind for this request, so its timing (and maybe its outcome) says nothing about the system.
 */
export const RequestFlag = {
  /** Issued later than the tolerance after it was due (timers fired late: a busy host). */
  issuedLate: 1,
  /** Waited for a free connection of the generator's own pool (`load.maxConnections`). */
  poolWait: 2,
  /** In flight while the generator's event loop stalled, so its end was stamped late. */
  stalled: 4,
  /** Never sent because the system did not accept a connection before the timeout. */
  refused: 8,
} as const;

/** Flags that mean the generator fell behind. */
export const generatorBehindFlags = RequestFlag.issuedLate | RequestFlag.poolWait | RequestFlag.stalled;

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
  flags?: number;
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
    flags: new Uint8Array(n),
  };
  rows.forEach((row, i) => {
    samples.scheduledMs[i] = row.scheduledMs;
    samples.sentMs[i] = row.sentMs ?? row.scheduledMs;
    samples.endMs[i] = row.endMs;
    samples.outcome[i] = Outcome[row.outcome];
    samples.op[i] = Op[row.op ?? 'read'];
    samples.status[i] = row.status ?? (row.outcome === 'ok' ? 200 : 0);
    samples.flags[i] = row.flags ?? 0;
  });
  return samples;
}
