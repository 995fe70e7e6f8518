import { describe, expect, test } from 'vitest';
import { sliceBounds } from '../../../src/proxy/toxics/slicer.js';
import { harness, portOf } from '../helpers/harness.js';
import { patternBytes, readExactly } from '../helpers/stream.js';

describe('slicer toxic', () => {
  test('should deliver data intact in several pieces, delayed between pieces', async () => {
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"slicer","attributes":{"average_size":10,"size_variation":4,"delay":20000}}');
    const client = await h.connect(portOf(proxy.listen));
    const pieces: number[] = [];
    client.on('data', (d: Buffer) => pieces.push(d.length));
    const payload = patternBytes(100, 11);
    const start = performance.now();
    const echoed = readExactly(client, payload.length);
    client.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
    // ~10 pieces 20 ms apart (the last leaves before its trailing delay); a busy client may
    // read a few pieces at once, never all of them.
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(performance.now() - start).toBeGreaterThanOrEqual(120);
  });

  test('should slice into exact sizes with zero size variation', () => {
    const ends = sliceBounds(100, 10, 0, Math.random);
    const sizes = ends.map((end, i) => end - (ends[i - 1] ?? 0));
    expect(ends.at(-1)).toBe(100);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
  });

  test('should keep pieces within average ± variation', () => {
    for (let run = 0; run < 50; run += 1) {
      const ends = sliceBounds(5000, 100, 20, Math.random);
      expect(ends.at(-1)).toBe(5000);
      for (const [i, end] of ends.entries()) expect(end - (ends[i - 1] ?? 0)).toBeLessThanOrEqual(120);
    }
  });

  test('should survive average_size 0 and a variation larger than the average (Toxiproxy crashes)', async () => {
    expect(sliceBounds(1000, 0, 0, Math.random)).toHaveLength(1000);
    expect(sliceBounds(65536, 1, 100000, Math.random).at(-1)).toBe(65536);
    const h = await harness();
    const up = await h.echo();
    const proxy = await h.client.createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: up.address });
    await h.api('POST', '/proxies/p/toxics', '{"type":"slicer","attributes":{"average_size":0,"size_variation":0,"delay":0}}');
    const client = await h.connect(portOf(proxy.listen));
    const payload = patternBytes(50_000, 12);
    const echoed = readExactly(client, payload.length);
    client.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
  });
});
