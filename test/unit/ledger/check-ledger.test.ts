import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../../src/ledger/check-ledger.js';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';

/** A history of writes (and a read) with known outcomes, like Jepsen's set checker tests. */
const history = samplesFromRows([
  { scheduledMs: 0, endMs: 1, outcome: 'ok', op: 'write' },      // 0: acknowledged
  { scheduledMs: 10, endMs: 11, outcome: 'ok', op: 'read' },     // 1: a read, not in the ledger
  { scheduledMs: 20, endMs: 21, outcome: 'ok', op: 'write' },    // 2: acknowledged
  { scheduledMs: 30, endMs: 1030, outcome: 'unknown', op: 'write' }, // 3: timed out
  { scheduledMs: 40, endMs: 1040, outcome: 'unknown', op: 'write' }, // 4: timed out
  { scheduledMs: 50, endMs: 51, outcome: 'fail', op: 'write', status: 503 }, // 5: definitely not committed
  { scheduledMs: 60, endMs: 61, outcome: 'fail', op: 'write', status: 503 }, // 6: definitely not committed
]);

describe('checkLedger', () => {
  it('should classify every write against the table: lost, unknown present/absent, phantom', () => {
    // In the table: 0 (ok), 3 (unknown), 6 (said failed!), and one id nobody wrote.
    const result = checkLedger(history, 'run1', ['run1-0', 'run1-3', 'run1-6', 'run1-99']);
    expect(result).toEqual({
      attempted: 6,
      acknowledged: 2,
      confirmed: 1,
      lost: [2],
      unknownPresent: [3],
      unknownAbsent: [4],
      phantom: [6],
      unexpected: ['run1-99'],
    });
  });

  it('should find nothing lost when every acknowledged write is present', () => {
    const result = checkLedger(history, 'run1', ['run1-0', 'run1-2']);
    expect(result.lost).toEqual([]);
    expect(result.confirmed).toBe(2);
    expect(result.phantom).toEqual([]);
  });

  it('should report every acknowledged write lost when the table is empty', () => {
    expect(checkLedger(history, 'run1', []).lost).toEqual([0, 2]);
  });

  it('should not take ids of another run, a read, or a malformed suffix as this run\'s writes', () => {
    const result = checkLedger(history, 'run1', ['run10-0', 'run1-1', 'run1-2x', 'run1-02', 'run1-0']);
    expect(result.confirmed).toBe(1);
    expect(result.unexpected).toEqual(['run10-0', 'run1-1', 'run1-2x', 'run1-02']);
  });

  it('should take as unexpected every id with the prefix that no write of this run used', () => {
    // A read's index, an index past the run, a negative, a fraction, an exponent, a space, an empty suffix.
    const strays = ['run1-1', 'run1-7', 'run1-1000000', 'run1--1', 'run1-2.0', 'run1-2.5', 'run1-2e0', 'run1- 2', 'run1-'];
    const result = checkLedger(history, 'run1', ['run1-0', ...strays, 'run1-2']);
    expect(result.unexpected).toEqual(strays);
    expect(result.confirmed).toBe(2);
    expect(result.lost).toEqual([]);
  });

  it('should compare stored values when it knows what each write sent: a changed or NULL value is corrupted', () => {
    const sent = (index: number): string => `value-${index}`;
    const result = checkLedger(history, 'run1', [
      { id: 'run1-0', value: 'value-0' },
      { id: 'run1-2', value: 'value-3' },   // acknowledged, present, but not what it wrote
      { id: 'run1-3', value: null },        // outcome unknown, present, value gone
      { id: 'run1-6', value: 'value-6' },   // a phantom with the right value is still a phantom, not corrupted
    ], { expectedValue: sent });
    expect(result).toMatchObject({ confirmed: 2, lost: [], unknownPresent: [3], phantom: [6], corrupted: [2, 3] });
    expect(checkLedger(history, 'run1', [{ id: 'run1-0', value: 'value-0' }, { id: 'run1-2', value: 'value-2' }], { expectedValue: sent }).corrupted).toEqual([]);
  });

  it('should leave corrupted out when values were not compared', () => {
    expect(checkLedger(history, 'run1', ['run1-0', 'run1-2'])).not.toHaveProperty('corrupted');
  });
});
