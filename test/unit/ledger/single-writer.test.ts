import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../../src/ledger/convergence.js';
import { checkSingleWriter, maxBlindGapMs, type NodeReading, type WriteState, type WriterRound } from '../../../src/ledger/single-writer.js';

type Spec = WriteState | [WriteState, number];

/** A round at `atMs`: each node answers at `atMs` (plus its own offset, when given as [state, offset]). */
function round(atMs: number, nodes: Record<string, Spec>): WriterRound {
  const readings: Record<string, NodeReading> = {};
  for (const [node, spec] of Object.entries(nodes)) {
    const [state, offset] = typeof spec === 'string' ? [spec, 0] : spec;
    readings[node] = { state, atMs: atMs + offset, ...(state === 'unknown' ? { detail: 'ERROR 2013: Lost connection' } : {}) };
  }
  return { readings };
}

/** Rounds every 250 ms from `fromMs` up to (not including) `toMs`, all with the same states. */
function every250(fromMs: number, toMs: number, nodes: Record<string, Spec>): WriterRound[] {
  const rounds: WriterRound[] = [];
  for (let t = fromMs; t < toMs; t += 250) rounds.push(round(t, nodes));
  return rounds;
}

const kill = { id: 'f1', label: 'kill db-1 (SIGKILL)', startMs: 2_000, endMs: undefined };

describe('checkSingleWriter', () => {
  it('should pass a clean failover: db-1 writable, then down (killed), db-2 read-only, then promoted', () => {
    const result = checkSingleWriter([
      ...every250(0, 2_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
      ...every250(2_000, 5_000, { 'db-1': 'down', 'db-2': 'read-only' }),
      ...every250(5_000, 10_000, { 'db-1': 'down', 'db-2': 'writable' }),
    ], [kill]);
    expect(result).toMatchObject({ status: 'pass', rounds: 40, conclusiveRounds: 40, maxGapMs: 250, violations: [], doubts: [], noWriter: 12 });
    expect(result.faults).toEqual([{ faultId: 'f1', label: 'kill db-1 (SIGKILL)', fromMs: 2_000, toMs: 9_750, maxGapMs: 250, gapFromMs: 2_000 }]);
  });

  it('should fail on two nodes writable in one round whose answers came back within 100 ms (split brain), in any order', () => {
    const result = checkSingleWriter([
      round(600, { 'db-1': 'read-only', 'db-2': 'writable' }),
      round(0, { 'db-1': 'writable', 'db-2': 'read-only' }),
      round(300, { 'db-2': ['writable', 40], 'db-1': 'writable' }),
    ]);
    expect(result.status).toBe('fail');
    expect(result.violations).toEqual([{ atMs: 300, nodes: ['db-1', 'db-2'], apartMs: 40 }]);
  });

  it('should not call two writable answers 300 ms apart a split brain, nor a single writer: inconclusive', () => {
    const result = checkSingleWriter([
      round(0, { 'db-1': 'writable', 'db-2': 'read-only' }),
      round(250, { 'db-1': 'writable', 'db-2': ['writable', 300] }), // db-1 may have been fenced meanwhile
      round(800, { 'db-1': 'read-only', 'db-2': 'writable' }),
    ]);
    expect(result.status).toBe('inconclusive');
    expect(result.violations).toEqual([]);
    expect(result.doubts).toMatchObject([{ kind: 'writers-apart', atMs: 250 }]);
    expect(result.doubts[0]?.detail).toContain('300ms apart');
  });

  it('should take a node that could not be read as unknown, not as read-only: a writable node beside it is inconclusive', () => {
    const result = checkSingleWriter([
      ...every250(0, 2_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
      ...every250(2_000, 2_500, { 'db-1': 'unknown', 'db-2': 'read-only' }),
      round(2_500, { 'db-1': 'unknown', 'db-2': 'writable' }), // db-1 might still be writable
      ...every250(2_750, 8_000, { 'db-1': 'down', 'db-2': 'writable' }),
    ], [kill]);
    expect(result.status).toBe('inconclusive');
    expect(result.doubts.map((d) => [d.kind, d.faultId, d.atMs])).toEqual([['writable-and-unknown', 'f1', 2_500]]);
    expect(result.doubts[0]?.detail).toContain('around kill db-1 (SIGKILL), at 2.5s db-2 was writable while db-1 could not be read (ERROR 2013: Lost connection)');
  });

  it('should count a down or frozen node as not writable, and conclusive', () => {
    const pause = { id: 'f1', label: 'pause db-1 for 3s', startMs: 1_000, endMs: 4_000 };
    const result = checkSingleWriter([
      ...every250(0, 1_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
      ...every250(1_000, 2_000, { 'db-1': 'frozen', 'db-2': 'read-only' }),
      ...every250(2_000, 4_000, { 'db-1': 'frozen', 'db-2': 'writable' }),
      ...every250(4_000, 7_000, { 'db-1': 'read-only', 'db-2': 'writable' }),
    ], [pause]);
    expect(result).toMatchObject({ status: 'pass', conclusiveRounds: 28, noWriter: 4 });
  });

  it('should be inconclusive when no conclusive round came back for more than the bound around a fault, naming the fault and the gap', () => {
    const result = checkSingleWriter([
      ...every250(0, 2_500, { 'db-1': 'writable', 'db-2': 'read-only' }),
      // 2.25 s → 4.25 s: the rounds in between could not read db-2.
      ...every250(2_500, 4_250, { 'db-1': 'writable', 'db-2': 'unknown' }).map((r) => ({ readings: { 'db-2': r.readings['db-2']! } })),
      ...every250(4_250, 8_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
    ], [{ id: 'f1', label: 'latency db-2->db-1 200ms', startMs: 2_000, endMs: 6_000 }]);
    expect(maxBlindGapMs).toBe(1_500);
    expect(result.status).toBe('inconclusive');
    expect(result.doubts).toMatchObject([{ kind: 'blind-gap', faultId: 'f1', faultLabel: 'latency db-2->db-1 200ms', atMs: 2_250, gapMs: 2_000 }]);
    expect(result.doubts[0]?.detail).toBe('around latency db-2->db-1 200ms (2s–7s) no conclusive reading of every node for 2000ms from 2.25s (more than 1500ms)');
  });

  it('should judge gaps only inside a fault\'s window: from its injection to the later of its end and 5 s after it', () => {
    const base = [
      ...every250(0, 9_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
      ...every250(11_000, 16_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
    ]; // blind from 8.75 s to 11 s
    const short = { id: 'f1', label: 'restart db-2', startMs: 5_500, endMs: 6_000 }; // window 5.5 s → 10.5 s
    expect(checkSingleWriter(base, [short]).doubts).toMatchObject([{ kind: 'blind-gap', faultId: 'f1', atMs: 8_750, gapMs: 1_750 }]);
    const early = { id: 'f2', label: 'restart db-2', startMs: 1_000, endMs: 1_500 }; // window 1 s → 6 s
    const result = checkSingleWriter(base, [early]);
    expect(result.status).toBe('pass');
    expect(result.maxGapMs).toBe(2_250); // still reported, for the whole run
    const long = { id: 'f3', label: 'blackhole db-2->db-1', startMs: 1_000, endMs: 8_500 }; // window 1 s → 8.5 s: its end
    expect(checkSingleWriter(base, [long]).status).toBe('pass');
    const lasting = { id: 'f4', label: 'kill db-1', startMs: 1_000, endMs: undefined }; // until the data ends
    expect(checkSingleWriter(base, [lasting]).doubts.map((d) => d.gapMs)).toEqual([2_250]);
  });

  it('should be inconclusive when the data ends soon after a fault with nothing conclusive after it', () => {
    const result = checkSingleWriter([
      ...every250(0, 2_000, { 'db-1': 'writable', 'db-2': 'read-only' }),
      ...every250(2_000, 4_000, { 'db-1': 'unknown', 'db-2': 'read-only' }),
    ], [kill]);
    expect(result.doubts).toMatchObject([{ kind: 'blind-gap', faultId: 'f1', atMs: 2_000, gapMs: 1_750 }]);
  });

  it('should pass a run without faults on its readings alone, and have nothing to say without rounds', () => {
    expect(checkSingleWriter(every250(0, 3_000, { 'db-1': 'writable', 'db-2': 'unknown' })).status).toBe('pass');
    expect(checkSingleWriter([], [kill])).toMatchObject({ status: 'pass', rounds: 0, faults: [] });
  });
});

describe('checkConvergence', () => {
  it('should call nodes converged when GTID (in any order) and checksum agree', () => {
    const result = checkConvergence([
      { name: 'db-1', gtid: '0-2-40,1-1-3', checksum: '123' },
      { name: 'db-2', gtid: '1-1-3,0-2-40', checksum: '123' },
    ]);
    expect(result.converged).toBe(true);
  });

  it('should not call nodes converged when one holds extra (errant) transactions', () => {
    const result = checkConvergence([
      { name: 'db-1', gtid: '0-1-41', checksum: '999' },
      { name: 'db-2', gtid: '0-2-40', checksum: '123' },
    ]);
    expect(result.converged).toBe(false);
    expect(result.detail).toContain('nodes differ');
  });

  it('should not call nodes converged when one could not be read', () => {
    const result = checkConvergence([{ name: 'db-1', gtid: undefined, checksum: undefined }, { name: 'db-2', gtid: '0-2-40', checksum: '1' }]);
    expect(result).toMatchObject({ converged: false, detail: 'could not read db-1' });
  });
});
