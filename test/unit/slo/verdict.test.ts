import { describe, expect, it } from 'vitest';
import { decideVerdict, exitCodeFor, worstVerdict, type Verdict } from '../../../src/slo/verdict.js';

const pass = [{ status: 'pass' }, { status: 'pass' }] as const;
const miss = [{ status: 'pass' }, { status: 'fail' }] as const;
const unjudged = [{ status: 'pass' }, { status: 'no-data' }] as const;
const doubt = ['fault-1 (kill app-1) planned at 3.9s: not injected: the run ended before it was due'];

describe('decideVerdict', () => {
  it.each([
    [pass, [], false, false, 'passed'],
    [miss, [], false, false, 'failed'],
    [pass, doubt, false, false, 'unknown'],
    [unjudged, [], false, false, 'unknown'], // nothing to judge is not a pass
    [miss, doubt, false, false, 'failed'], // a miss seen is a miss
    [[...miss, ...unjudged], [], false, false, 'failed'],
    [miss, doubt, true, false, 'errored'],
    [pass, [], true, false, 'errored'],
    [miss, doubt, true, true, 'interrupted'],
    [pass, [], false, true, 'interrupted'],
  ] as const)('should decide %j doubts=%j errored=%s interrupted=%s as %s', (results, doubts, errored, interrupted, expected) => {
    expect(decideVerdict({ results, doubts, errored, interrupted })).toBe(expected);
  });

  it('should pass with no objectives when everything else is fine', () => {
    expect(decideVerdict({ results: [], doubts: [], errored: false, interrupted: false })).toBe('passed');
  });
});

describe('exitCodeFor', () => {
  it('should follow k6 exit codes', () => {
    expect(exitCodeFor('passed')).toBe(0);
    expect(exitCodeFor('failed')).toBe(99);
    expect(exitCodeFor('unknown')).toBe(1);
    expect(exitCodeFor('errored')).toBe(1);
    expect(exitCodeFor('interrupted')).toBe(105);
  });
});

describe('worstVerdict', () => {
  it.each([
    [['passed', 'passed'], 'passed'],
    [['passed', 'unknown'], 'unknown'],
    [['unknown', 'failed', 'passed'], 'failed'],
    [['failed', 'errored'], 'errored'],
    [['errored', 'interrupted', 'passed'], 'interrupted'],
  ] as [Verdict[], Verdict][])('should rank %j as %s', (verdicts, expected) => {
    expect(worstVerdict(verdicts)).toBe(expected);
  });

  it('should not pass a run of no scenarios', () => {
    expect(worstVerdict([])).toBe('unknown');
  });
});
