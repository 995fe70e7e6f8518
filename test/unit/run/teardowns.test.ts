import { describe, expect, it } from 'vitest';
import { Teardowns } from '../../../src/run/teardowns.js';

describe('Teardowns', () => {
  it('should unwind in reverse order of registration, each step once', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns();
    teardowns.register('remove containers', async () => { order.push('containers'); });
    const revert = teardowns.register('revert fault-1', async () => { order.push('fault-1'); });
    teardowns.register('stop load', async () => { order.push('load'); });
    await revert.run(); // a fault that ended during load is reverted then, not again at the end
    await teardowns.runAll();
    await teardowns.runAll();
    expect(order).toEqual(['fault-1', 'load', 'containers']);
  });

  it('should record a failing or hanging step and still run the rest', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns(100);
    teardowns.register('remove containers', async () => { order.push('containers'); });
    teardowns.register('revert fault-2', () => new Promise(() => undefined));
    teardowns.register('revert fault-1', async () => { throw new Error('proxy gone'); });
    const began = performance.now();
    await teardowns.runAll();
    expect(order).toEqual(['containers']);
    expect(teardowns.failures).toEqual([
      { name: 'revert fault-1', error: 'proxy gone' },
      { name: 'revert fault-2', error: 'did not finish within 100ms' },
    ]);
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('should run only the reverts when asked, leaving the rest for the end', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns();
    teardowns.register('remove containers', async () => { order.push('containers'); });
    teardowns.register('revert fault-1', async () => { order.push('fault-1'); });
    await teardowns.runPrefixed('revert ');
    expect(order).toEqual(['fault-1']);
    await teardowns.runAll();
    expect(order).toEqual(['fault-1', 'containers']);
  });
});
