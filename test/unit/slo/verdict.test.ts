import { describe, expect, it } from 'vitest';
import { decideVerdict, exitCodeFor, worstVerdict, type Verdict } from '../../../src/slo/verdict.js';

const pass = [{ ok: true }, { ok: true }];
const miss = [{ ok: true }, { ok: false }];

describe('decideVerdict', () => {
  it.each([
    [pass, true, false, false, 'passed'],
    [miss, true, false, false, 'failed'],
    [pass, false, false, false, 'unknown'],
    [miss, false, false, false, 'failed'], // a miss seen is a miss
    [miss, false, true, false, 'errored'],
    [pass, true, true, false, 'errored'],
    [miss, false, true, true, 'interrupted'],
    [pass, true, false, true, 'interrupted'],
  ] as const)('should decide %j verified=%s errored=%s interrupted=%s as %s', (results, faultsVerified, errored, interrupted, expected) => {
    expect(decideVerdict({ results, faultsVerified, errored, interrupted })).toBe(expected);
  });

  it('should pass with no objectives when everything else is fine', () => {
    expect(decideVerdict({ results: [], faultsVerified: true, errored: false, interrupted: false })).toBe('passed');
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
