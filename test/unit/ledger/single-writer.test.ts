import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../../src/ledger/convergence.js';
import { checkSingleWriter } from '../../../src/ledger/single-writer.js';

describe('checkSingleWriter', () => {
  it('should pass a clean failover: one writer, a gap with none, then the other', () => {
    const result = checkSingleWriter([
      { atMs: 0, writable: { 'db-1': true, 'db-2': false } },
      { atMs: 250, writable: { 'db-2': false } }, // db-1 killed: cannot be asked
      { atMs: 500, writable: { 'db-2': true } },
      { atMs: 750, writable: { 'db-1': false, 'db-2': true } },
    ]);
    expect(result).toEqual({ samples: 4, maxGapMs: 250, violations: [], noWriter: 1 });
  });

  it('should catch a moment with two writable nodes (split brain), in any sample order', () => {
    const result = checkSingleWriter([
      { atMs: 600, writable: { 'db-1': false, 'db-2': true } },
      { atMs: 0, writable: { 'db-1': true, 'db-2': false } },
      { atMs: 300, writable: { 'db-2': true, 'db-1': true } },
    ]);
    expect(result.violations).toEqual([{ atMs: 300, nodes: ['db-1', 'db-2'] }]);
    expect(result.maxGapMs).toBe(300);
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
