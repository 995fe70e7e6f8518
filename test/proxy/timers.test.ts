import { afterEach, describe, expect, test, vi } from 'vitest';
import { TimerRegistry } from '../../src/proxy/runtime/timers.js';

describe('TimerRegistry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('should never fire before the requested delay and count pending timers', async () => {
    const timers = new TimerRegistry();
    const fired: number[] = [];
    const start = performance.now();
    for (const ms of [1, 5, 20]) timers.set(ms, () => fired.push(performance.now() - start));
    expect(timers.active).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timers.active).toBe(0);
    expect(fired).toHaveLength(3);
    expect(fired[0]).toBeGreaterThanOrEqual(1);
    expect(fired[1]).toBeGreaterThanOrEqual(5);
    expect(fired[2]).toBeGreaterThanOrEqual(20);
  });

  test('should cancel one timer or all of them', async () => {
    const timers = new TimerRegistry();
    let calls = 0;
    const handle = timers.set(5, () => (calls += 1));
    timers.set(5, () => (calls += 1));
    timers.set(5, () => (calls += 1));
    handle.cancel();
    handle.cancel();
    expect(timers.active).toBe(2);
    timers.clearAll();
    expect(timers.active).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(0);
  });

  test('should chain delays beyond setTimeout’s 24.8-day limit instead of firing at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const timers = new TimerRegistry();
    let fired = false;
    const thirtyDaysMs = 30 * 24 * 3600 * 1000;
    timers.set(thirtyDaysMs, () => (fired = true));
    vi.advanceTimersByTime(1_000);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(thirtyDaysMs - 2_000);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(fired).toBe(true);
    expect(timers.active).toBe(0);
  });
});
