import { describe, expect, it } from 'vitest';
import type { ServiceHandle } from '../../../src/runtime/runtime.js';
import { runDoubts } from '../../../src/run/run-doubts.js';
import { runTimeline } from '../../../src/run/run-timeline.js';
import { Teardowns } from '../../../src/run/teardowns.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';

const planOf = (at: string) => {
  const resolved = resolveScenario({ name: 't', load: { rate: 10, duration: '10s' }, timeline: [{ at, fault: { kind: 'kill', target: 'app-1' } }] });
  if (!resolved.ok) throw new Error('bad plan');
  return resolved.plan;
};

/** A service whose Docker calls never answer, as a hung engine's would not. */
const hung = { name: 'app-1', kill: () => new Promise(() => undefined), state: () => new Promise(() => undefined) } as unknown as ServiceHandle;

describe('runTimeline', () => {
  it('should bound a fault whose inject hangs, and record it as not verified', async () => {
    const started = performance.now();
    const teardowns = new Teardowns(200);
    const [record] = await runTimeline(planOf('0s').timeline, {
      context: { service: () => hung }, teardowns, elapsedMs: () => performance.now() - started,
      signal: new AbortController().signal, onEvent: () => undefined, stepTimeoutMs: 200,
    });
    expect(record?.verified).toBe(false);
    expect(record?.detail).toBe('inject failed: fault-1 (kill app-1 (SIGKILL)) inject and verify did not finish within 200ms');
    expect(performance.now() - started).toBeLessThan(1000);
    // The revert was registered before the inject, and is bounded too.
    await teardowns.runAll();
    expect(teardowns.failures).toEqual([{ name: 'revert fault-1 (kill app-1 (SIGKILL))', error: 'did not finish within 200ms' }]);
  });

  it('should let Ctrl-C cut short an inject that hangs, without waiting for its bound', async () => {
    const started = performance.now();
    const stop = new AbortController();
    setTimeout(() => stop.abort('SIGINT'), 300);
    const [record] = await runTimeline(planOf('0s').timeline, {
      context: { service: () => hung }, teardowns: new Teardowns(200), elapsedMs: () => performance.now() - started,
      signal: stop.signal, interrupt: stop.signal, onEvent: () => undefined, stepTimeoutMs: 60_000,
    });
    expect(record).toMatchObject({ verified: false, detail: 'not verified: the run was stopped while it was being injected' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('should inject a fault at its time, not later', async () => {
    const started = performance.now();
    const injectedAt: number[] = [];
    const plan = planOf('200ms');
    const service = {
      name: 'app-1',
      kill: () => { injectedAt.push(performance.now() - started); return Promise.resolve(); },
      state: () => Promise.resolve({ status: 'exited', exitCode: 137, pid: 0, startedAt: undefined }),
    } as unknown as ServiceHandle;
    const [record] = await runTimeline(plan.timeline, {
      context: { service: () => service }, teardowns: new Teardowns(200), elapsedMs: () => performance.now() - started,
      signal: new AbortController().signal, onEvent: () => undefined,
    });
    expect(record?.verified).toBe(true);
    expect(injectedAt[0]).toBeGreaterThanOrEqual(200);
    expect(injectedAt[0]).toBeLessThan(200 + 250 + 100);
  });

  it('should record a fault the run ended before as never injected, which makes the verdict doubtful', async () => {
    const plan = planOf('5s');
    const ended = AbortSignal.abort('load-end');
    const records = await runTimeline(plan.timeline, {
      context: { service: () => hung }, teardowns: new Teardowns(), elapsedMs: () => 0, signal: ended, onEvent: () => undefined,
    });
    expect(records[0]).toMatchObject({ injectStartMs: undefined, verified: false, detail: 'not injected: the run ended before it was due' });
    expect(runDoubts({ faults: records }, plan)).toEqual(['fault-1 (kill app-1 (SIGKILL)) planned at 5s: not injected: the run ended before it was due']);
  });
});
