import { describe, expect, it } from 'vitest';
import { classifyError, classifyResponse } from '../../../src/load/classify.js';
import { Op, Outcome } from '../../../src/metrics/request-samples.js';

describe('classifyResponse', () => {
  it('should count a read as ok on 2xx and 3xx (k6 expected statuses) and as failed otherwise', () => {
    expect([200, 204, 301, 304].map((s) => classifyResponse(Op.read, s))).toEqual([Outcome.ok, Outcome.ok, Outcome.ok, Outcome.ok]);
    expect([404, 409, 500, 502, 503].map((s) => classifyResponse(Op.read, s))).toEqual(Array(5).fill(Outcome.fail));
  });

  it('should call a write failed only when it definitely did not commit', () => {
    expect(classifyResponse(Op.write, 201)).toBe(Outcome.ok);
    expect(classifyResponse(Op.write, 503)).toBe(Outcome.fail); // app: not committed; HAProxy: no server
    expect(classifyResponse(Op.write, 400)).toBe(Outcome.fail);
    expect(classifyResponse(Op.write, 422)).toBe(Outcome.fail);
  });

  it('should never call a write that may have committed failed: a 409, a 3xx, a 500, 502 or 504', () => {
    // 409: the id already exists, so an earlier attempt of this write may have committed.
    for (const status of [409, 303, 302, 500, 502, 504]) expect(classifyResponse(Op.write, status), String(status)).toBe(Outcome.unknown);
  });
});

describe('classifyError', () => {
  it('should fail anything never sent, and make a write unknown once sent', () => {
    expect(classifyError(Op.write, false)).toBe(Outcome.fail);
    expect(classifyError(Op.write, true)).toBe(Outcome.unknown);
    expect(classifyError(Op.read, true)).toBe(Outcome.fail);
  });
});
