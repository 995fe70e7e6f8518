import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../src/dr/reference-snapshot.js';
import { gtidSeqno, verifyTables } from '../../../src/dr/verify-restore.js';

const table = (name: string, rows: number, checksum: string | null, check = 'OK') => ({ table: name, rows, checksum, check });

describe('restore verification', () => {
  it('should match every table against a reference at the same GTID', () => {
    const restored = { gtid: '0-1-52', tables: [table('faultline.items', 1052, '111'), table('shop.orders', 3, '222')] };
    const reference = { gtid: '0-1-52', tables: [table('faultline.items', 1052, '111', 'not checked'), table('shop.orders', 3, '222', 'not checked')] };
    const { tables, problems } = verifyTables(restored, reference);
    expect(problems).toEqual([]);
    expect(tables.map((t) => t.reference)).toEqual(['match', 'match']);
  });

  it('should name a table whose rows or checksum differ, one that is missing, one that is extra, and a failed CHECK TABLE', () => {
    const restored = { gtid: '0-1-52', tables: [table('faultline.items', 1051, '110'), table('x.extra', 1, '9', 'Corrupt')] };
    const reference = { gtid: '0-1-52', tables: [table('faultline.items', 1052, '111'), table('shop.orders', 3, '222')] };
    const { tables, problems } = verifyTables(restored, reference);
    expect(tables.map((t) => [t.table, t.reference])).toEqual([['faultline.items', 'mismatch'], ['x.extra', 'extra'], ['shop.orders', 'missing']]);
    expect(problems).toEqual([
      'faultline.items differs from its reference at 0-1-52: 1051 rows (checksum 110) restored, 1052 rows (checksum 111) then',
      'CHECK TABLE x.extra says: Corrupt',
      'x.extra is restored but was not there when the disaster hit',
      'shop.orders was there when the disaster hit but is not restored',
    ]);
  });

  it('should not compare checksums with a reference at another GTID, and say so per table', () => {
    const { tables, problems } = verifyTables({ gtid: '0-1-50', tables: [table('faultline.items', 1050, '100')] }, { gtid: '0-1-52', tables: [table('faultline.items', 1052, '111')] });
    expect(problems).toEqual([]);
    expect(tables[0]).toMatchObject({ reference: 'no-reference', referenceRows: 1052 });
  });

  it('should not pass a restore that holds no user table at all', () => {
    expect(verifyTables({ gtid: '', tables: [] }, undefined).problems).toEqual(['the restored node has no user table at all']);
  });

  it('should read GTID seqnos, and a snapshot printed by the locked session', () => {
    expect([gtidSeqno('0-1-152'), gtidSeqno(''), gtidSeqno(undefined), gtidSeqno('0-1-5,1-2-9')]).toEqual([152, 0, 0, 9]);
    const text = 'G|0-1-52\nR|faultline.items|1052\nfaultline.items\t4135273519\nR|shop.orders|0\nshop.orders\t0\nDONE\n';
    expect(parseSnapshot(text)).toEqual({ gtid: '0-1-52', tables: [table('faultline.items', 1052, '4135273519', 'not checked'), table('shop.orders', 0, '0', 'not checked')] });
  });
});
