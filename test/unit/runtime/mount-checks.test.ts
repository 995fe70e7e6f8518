import { describe, expect, it } from 'vitest';
import { checkMounts } from '../../../src/runtime/mount-checks.js';
import type { Mount } from '../../../src/runtime/runtime.js';

const spec = (...mounts: Mount[]) => ({ name: 'db-1', role: 'db', image: 'x', readiness: { kind: 'command', command: ['true'] } as const, mounts });

describe('mount checks', () => {
  it('should take volumes and bounded tmpfs mounts at distinct absolute paths', () => {
    expect(() => checkMounts(spec({ kind: 'volume', source: 'db-1-data', target: '/var/lib/mysql', readOnly: true }, { kind: 'tmpfs', target: '/tmp', sizeBytes: 1, mode: 0o700 }))).not.toThrow();
  });

  it('should refuse a tmpfs without a positive whole size, which Docker would read as unbounded', () => {
    expect(() => checkMounts(spec({ kind: 'tmpfs', target: '/tmp', sizeBytes: 0 }))).toThrow('db-1: mounts[0].sizeBytes must be a positive whole number of bytes, got 0');
    expect(() => checkMounts(spec({ kind: 'tmpfs', target: '/tmp', sizeBytes: 1.5 }))).toThrow('got 1.5');
  });

  it('should refuse relative and repeated targets, bad modes and bad volume names', () => {
    expect(() => checkMounts(spec({ kind: 'tmpfs', target: 'tmp', sizeBytes: 1 }))).toThrow("mounts[0].target must be an absolute path, got 'tmp'");
    expect(() => checkMounts(spec({ kind: 'tmpfs', target: '/d', sizeBytes: 1 }, { kind: 'volume', source: 'v', target: '/d' }))).toThrow('mounts[1].target /d is mounted twice');
    expect(() => checkMounts(spec({ kind: 'tmpfs', target: '/d', sizeBytes: 1, mode: 0o10000 }))).toThrow('mounts[0].mode must be permission bits from 0 to 0o7777');
    expect(() => checkMounts(spec({ kind: 'volume', source: '-data', target: '/d' }))).toThrow("mounts[0].source: '-data' is not a volume name");
  });
});
