import { Outcome, Op, type OpCode, type OutcomeCode } from '../metrics/request-samples.js';

/**
 * What a request's ending means, Jepsen-style: `ok` happened, `fail` definitely did not happen,
 * `unknown` may have happened. Reads change nothing, so a read that did not succeed is a fail,
 * and a read answered 2xx or 3xx is ok (k6's expected statuses).
 *
 * Writes: "fail" only ever means "definitely not committed".
 * - 2xx is the acknowledgement (the app answers 201 only after commit).
 * - 3xx is not an acknowledgement, and may follow a commit (post/redirect/get): unknown.
 * - 503 is "not committed": the app's contract, or HAProxy's "no server available". It can be
 *   trusted because the load balancer never retries a write at layer 7 (only after a failed
 *   connection, when nothing reached an app), so no earlier attempt can have committed.
 * - 409 (the id exists) means an earlier attempt of this very write may have committed: unknown.
 * - Other 4xx: rejected before any change: fail.
 * - Other 5xx (500 the app's unknown, 502 reset mid-request, 504 timeout): unknown.
 */
export function classifyResponse(op: OpCode, status: number): OutcomeCode {
  if (op === Op.read) return status >= 200 && status < 400 ? Outcome.ok : Outcome.fail;
  if (status >= 200 && status < 300) return Outcome.ok;
  if (status === 503 || (status >= 400 && status < 500 && status !== 409)) return Outcome.fail;
  return Outcome.unknown;
}

/** A request that ended without a response: refused/unsent is a fail, after sending a write is unknown. */
export function classifyError(op: OpCode, sent: boolean): OutcomeCode {
  if (!sent || op === Op.read) return Outcome.fail;
  return Outcome.unknown;
}
