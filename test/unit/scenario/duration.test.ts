import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/scenario/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250], ['10s', 10_000], ['1.5m', 90_000], ['1h', 3_600_000], ['1m30s', 90_000], ['.5s', 500], [1500, 1500], [0, 0], [' 2s ', 2000],
  ])('should parse %s as %d ms', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each([['-1s', 'must not be negative'], [-5, 'must not be negative'], ['10', 'units: ms, s, m, h'], ['1 s', 'units'], ['', 'units'], ['5d', 'units'], [Number.NaN, 'finite'], [null, "got null"], [{}, 'got an object']])(
    'should reject %j saying what is allowed', (input, text) => {
      const result = parseDuration(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(text);
    });
});

describe('formatDuration', () => {
  it('should format for people', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(2500)).toBe('2.5s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(120_000)).toBe('2m');
  });
});
