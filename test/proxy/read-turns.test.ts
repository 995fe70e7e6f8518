import { describe, expect, test } from 'vitest';
import { ReadTurns, type TurnReader } from '../../src/proxy/runtime/read-turns.js';

const KIB = 1024;

/** A reader that records the turns it is given. */
function reader(name: string, log: string[]): TurnReader & { live: boolean } {
  return {
    live: true,
    resumeTurn: () => void log.push(name),
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('read turns', () => {
  test('should pause bulk reads once the turn budget is spent, and never small ones', async () => {
    const log: string[] = [];
    const turns = new ReadTurns(256 * KIB, 64 * KIB);
    const bulk = ['a', 'b', 'c', 'd'].map((name) => reader(name, log));
    for (const r of bulk) expect(turns.spend(r, 64 * KIB)).toBe(false); // exactly the budget
    const late = reader('late', log);
    expect(turns.spend(late, 64 * KIB)).toBe(true);
    // An interactive client's small read goes through however busy the turn is.
    const light = reader('light', log);
    for (let i = 0; i < 10; i += 1) expect(turns.spend(light, 100)).toBe(false);
    expect(turns.waiting).toBe(1);
    await nextTurn();
    expect(log).toEqual(['late']);
    expect(turns.waiting).toBe(0);
    // A new turn starts with the whole budget.
    expect(turns.spend(late, 64 * KIB)).toBe(false);
  });

  test('should not count small reads, nor end turns, while no bulk read has opened the turn', async () => {
    const log: string[] = [];
    const turns = new ReadTurns(128 * KIB, 64 * KIB);
    const light = reader('light', log);
    for (let i = 0; i < 5_000; i += 1) expect(turns.spend(light, 1 * KIB)).toBe(false);
    // Megabytes of small reads before it, yet the first bulk reads of the turn go through.
    const [a, b, c] = ['a', 'b', 'c'].map((name) => reader(name, log));
    if (a === undefined || b === undefined || c === undefined) throw new Error('readers');
    expect(turns.spend(a, 64 * KIB)).toBe(false);
    expect(turns.spend(b, 64 * KIB)).toBe(false);
    expect(turns.spend(c, 64 * KIB)).toBe(true);
    await nextTurn();
    expect(log).toEqual(['c']);
  });

  test('should give waiting readers their turns oldest first, as many per turn as the budget holds', async () => {
    const log: string[] = [];
    const turns = new ReadTurns(128 * KIB, 64 * KIB);
    const readers = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => reader(name, log));
    expect(readers.map((r) => turns.spend(r, 64 * KIB))).toEqual([false, false, true, true, true, true]);
    await nextTurn();
    expect(log).toEqual(['c', 'd']);
    await nextTurn();
    expect(log).toEqual(['c', 'd', 'e', 'f']);
    await nextTurn();
    expect(log).toHaveLength(4);
  });

  test('should skip readers that are gone without spending a turn on them', async () => {
    const log: string[] = [];
    const turns = new ReadTurns(64 * KIB, 64 * KIB);
    const [a, gone, b] = ['a', 'gone', 'b'].map((name) => reader(name, log));
    if (a === undefined || gone === undefined || b === undefined) throw new Error('readers');
    turns.spend(a, 64 * KIB);
    expect(turns.spend(gone, 64 * KIB)).toBe(true);
    expect(turns.spend(b, 64 * KIB)).toBe(true);
    gone.live = false;
    await nextTurn();
    expect(log).toEqual(['b']);
    expect(turns.waiting).toBe(0);
  });
});
