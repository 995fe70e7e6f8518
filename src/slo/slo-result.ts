/**
 * `pass` and `fail` are judgements; `no-data` means there was nothing to judge (no requests, no
 * fault injected, a run too short to see recovery), which is never a pass: the verdict is then
 * `unknown`.
 */
export type SloStatus = 'pass' | 'fail' | 'no-data';

/** The judgement of one objective. A miss is a result (`status: 'fail'`), never an exception. */
export interface SloResult {
  /** Stable: `availability`, `longest-outage`, `total-outage`, `recovery`, or `threshold:<key>:<source>`. */
  readonly id: string;
  /** For people, e.g. `availability ≥ 99%`, `http_req_duration{phase:during} p(95)<500`. */
  readonly name: string;
  /**
   * What the objective judges: the id of its SLO module's result (`availability`,
   * `longest-degraded`, `threshold`, `lost-writes`, …), or `steady-state`, which the runner adds
   * for the steady-state hypothesis checked after faults are reverted.
   */
  readonly kind: string;
  readonly status: SloStatus;
  /** The measured value in `unit`; `null` when there was nothing to measure. */
  readonly actual: number | null;
  readonly limit: number;
  readonly unit: '%' | 'ms' | '';
  /** One sentence on what was measured and why it passed, failed or could not be judged. */
  readonly detail: string;
}

/** `pass`/`fail` from a comparison. */
export function judged(ok: boolean): SloStatus {
  return ok ? 'pass' : 'fail';
}

/**
 * An outage measured against a limit. One still ongoing when the data ended was at least as long
 * as measured: over the limit it failed, within it the data ended too soon to tell.
 */
export function outageStatus(measuredMs: number, limitMs: number, ongoing: boolean): SloStatus {
  if (measuredMs > limitMs) return 'fail';
  return ongoing ? 'no-data' : 'pass';
}

/** At most 3 decimals, no trailing zeros: limits and measurements read as people write them. */
export function fmt(value: number): string {
  return String(Number(value.toFixed(3)));
}

export const noRequests = 'no requests were recorded, so there is nothing to judge';
