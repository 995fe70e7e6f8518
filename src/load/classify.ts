import { Outcome, Op, type OpCode, type OutcomeCode } from '../metrics/request-samples.js';

/**
 * What a request's ending means, Jepsen-style: `ok` happened, `fail` definitely did not happen,
 * `unknown` may have happened. Reads change nothing, so a read that did not succeed is a fail.
 * A write is unknown once its bytes may have reached the app and no definite answer came back.
 */
export function classifyResponse(op: OpCode, status: number): OutcomeCode {
  if (status >= 200 && status < 400) return Outcome.ok;
  if (op === Op.read) return Outcome.fail;
  // 503: nothing committed (the app's contract; also HAProxy's "no server available").
  // 4xx: rejected before any change. Other 5xx (500 app unknown, 502 reset mid-request,
  // 504 timeout) leave the write in doubt.
  if (status === 503 || (status >= 400 && status < 500)) return Outcome.fail;
  return Outcome.unknown;
}

/** A request that ended without a response: refused/unsent is a fail, after sending a write is unknown. */
export function classifyError(op: OpCode, sent: boolean): OutcomeCode {
  if (!sent || op === Op.read) return Outcome.fail;
  return Outcome.unknown;
}
