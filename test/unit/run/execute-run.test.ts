import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReporterMux, type Reporter } from '../../../src/reporters/reporter.js';
import { systemClock } from '../../../src/run/clock.js';
import { executeRun } from '../../../src/run/execute-run.js';
import type { RunResult } from '../../../src/run/run-result.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import type { ScenarioInput } from '../../../src/scenario/types.js';
import { FakeRuntime, FakeSystem, type Misbehaviour } from './_fake-runtime.js';

const base: ScenarioInput = {
  name: 'engine',
  stack: { app: { replicas: 2 } },
  load: { rate: 50, duration: '2s', warmup: { ramp: '200ms', window: '200ms', maxHold: '2s' } },
  timeline: [{ at: '1s', fault: { kind: 'kill', target: 'app-1' } }],
  slo: { availability: '90%' },
};

let system: FakeSystem;
beforeEach(async () => {
  system = new FakeSystem();
  await system.start();
});
afterEach(async () => {
  await system.close();
});

interface Run {
  readonly result: RunResult;
  readonly runtime: FakeRuntime;
  readonly reporter: ReporterMux;
  readonly journal: { type: string; [key: string]: unknown }[];
  readonly tookMs: number;
}

async function run(input: Partial<ScenarioInput>, options: { misbehaviour?: Misbehaviour[]; signal?: AbortSignal; reporters?: Reporter[]; reporterTimeoutMs?: number } = {}): Promise<Run> {
  const resolved = resolveScenario({ ...base, ...input });
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  const runtime = new FakeRuntime(system, options.misbehaviour);
  const reporter = new ReporterMux((options.reporters ?? []).map((r, i) => ({ name: `reporter-${i}`, reporter: r })), options.reporterTimeoutMs);
  const reportsRoot = mkdtempSync(join(tmpdir(), 'faultline-engine-'));
  const began = performance.now();
  const result = await executeRun(resolved.plan, {
    runtime,
    clock: systemClock,
    reporter,
    signal: options.signal ?? new AbortController().signal,
    reportsRoot,
  });
  const tookMs = performance.now() - began;
  const dir = join(reportsRoot, readdirSync(reportsRoot)[0]!);
  const journal = readFileSync(join(dir, 'journal.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string });
  return { result, runtime, reporter, journal, tookMs };
}

describe('the run engine, on a fake runtime', () => {
  it('should pass a clean run, revert its fault before removing the stack, and journal the warm-up', async () => {
    const { result, runtime, journal } = await run({});
    expect(result.verdict, result.reason).toBe('passed');
    const kill = runtime.log.indexOf('kill app-1');
    const revert = runtime.log.indexOf('restart app-1');
    const teardown = runtime.log.indexOf('teardown run');
    expect(kill).toBeGreaterThan(runtime.log.indexOf('start lb'));
    expect(revert).toBeGreaterThan(kill);
    expect(teardown).toBeGreaterThan(revert);
    expect(runtime.log.at(-1)).toBe('teardown run');
    expect(journal.map((e) => e.type)).toEqual(expect.arrayContaining(['warmup-start', 'warmup-end', 'load-start', 'fault-injected', 'load-end', 'verdict', 'run-end']));
    // Measured load starts after the warm-up: the fault lands at 1 s of measured load.
    expect(result.faults[0]?.injectStartMs).toBeGreaterThanOrEqual(1000);
    expect(result.faults[0]?.injectStartMs).toBeLessThan(1100);
    expect(result.load?.counts.total).toBe(100);
    expect(result.load?.warmup?.steady).toBe(true);
  });

  it('should run the timeline to the end of measured load: a fault at 1.9 s of 2 s is injected', async () => {
    // At 10 req/s the last request is due at 1.9 s: the load must not end when it is answered.
    const { result } = await run({ load: { rate: 10, duration: '2s', warmup: 0 }, timeline: [{ at: '1.9s', fault: { kind: 'kill', target: 'app-1' } }] });
    expect(result.faults[0]?.injectStartMs).toBeDefined();
    expect(result.faults[0]?.verified).toBe(true);
    expect(result.verdict, result.reason).toBe('passed');
  });

  it('should not pass a recovery objective that had no time to be judged', async () => {
    const { result } = await run({
      load: { rate: 10, duration: '2s', warmup: 0 },
      timeline: [{ at: '1.9s', fault: { kind: 'kill', target: 'app-1' } }],
      slo: { availability: '90%', recovery: '1s' },
    });
    expect(result.verdict).toBe('unknown');
    expect(result.slos.find((s) => s.id === 'recovery')?.status).toBe('no-data');
    expect(result.reason).toContain('nothing to judge for recovery ≤ 1s');
  });

  it('should error, and still remove the stack, when a service fails to start', async () => {
    const { result, runtime } = await run({}, { misbehaviour: [{ service: 'redis', operation: 'start', does: 'fail' }] });
    expect(result.verdict).toBe('errored');
    expect(result.exitCode).toBe(1);
    expect(result.reason).toContain('redis: start failed');
    expect(runtime.tornDown).toBe(true);
  });

  it('should end a run whose step hangs at its deadline, errored, and still remove the stack', async () => {
    const { result, runtime, tookMs } = await run({ deadline: '2s' }, { misbehaviour: [{ service: 'lb', operation: 'start', does: 'hang' }] });
    expect(result.verdict).toBe('errored');
    expect(result.reason).toBe('the run exceeded its deadline of 2s');
    expect(runtime.tornDown).toBe(true);
    expect(tookMs).toBeLessThan(10_000);
  });

  it('should stop on SIGTERM during load: interrupted, the fault reverted, the stack removed', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort('SIGTERM'), 1800);
    const { result, runtime } = await run({ load: { rate: 50, duration: '10s', warmup: 0 } }, { signal: stop.signal });
    expect(result.verdict).toBe('interrupted');
    expect(result.exitCode).toBe(105);
    expect(runtime.log.indexOf('restart app-1')).toBeGreaterThan(runtime.log.indexOf('kill app-1'));
    expect(runtime.log.indexOf('teardown run')).toBeGreaterThan(runtime.log.indexOf('restart app-1'));
    expect(result.load?.durationMs).toBeLessThan(3000);
  });

  it('should give up on a reporter that hangs, note it, and still finish the run', async () => {
    const hanging: Reporter = { onRunEnd: () => new Promise(() => undefined) };
    const { result, reporter, tookMs } = await run({}, { reporters: [hanging], reporterTimeoutMs: 300 });
    expect(result.verdict).toBe('passed');
    expect(reporter.failures).toEqual(['reporter-0.onRunEnd: reporter-0 reporter did not finish within 300ms']);
    expect(tookMs).toBeLessThan(15_000);
  });

  it('should never let a throwing reporter break the run', async () => {
    const throwing: Reporter = { onEvent: () => { throw new Error('boom'); }, onRunEnd: () => { throw new Error('bang'); } };
    const { result, reporter } = await run({}, { reporters: [throwing] });
    expect(result.verdict).toBe('passed');
    expect(reporter.failures).toContain('reporter-0.onRunEnd: bang');
    expect(reporter.failures.some((f) => f.startsWith('reporter-0.onEvent: boom'))).toBe(true);
  });

  it('should stop early on an abortOnFail threshold: load and faults stopped, reverted, failed with exit 99', async () => {
    setTimeout(() => { system.failing = true; }, 1500);
    setTimeout(() => { system.failing = false; }, 5000); // so the steady state after holds
    const { result, runtime, journal } = await run({
      load: { rate: 50, duration: '20s', warmup: 0 },
      slo: { thresholds: { http_req_failed: [{ threshold: 'rate<0.05', abortOnFail: true }] } },
    });
    expect(result.verdict).toBe('failed');
    expect(result.exitCode).toBe(99);
    expect(result.thresholdAbort).toMatchObject({ key: 'http_req_failed', source: 'rate<0.05' });
    expect(result.reason).toMatch(/stopped early: threshold http_req_failed rate<0\.05 \(abortOnFail\) was crossed at [2-4](\.\d+)?s/);
    expect(result.load?.durationMs).toBeLessThan(5000);
    expect(journal.some((e) => e.type === 'threshold-abort')).toBe(true);
    expect(runtime.log.indexOf('restart app-1')).toBeGreaterThan(runtime.log.indexOf('kill app-1'));
    expect(runtime.log.at(-1)).toBe('teardown run');
  });

  it('should void the run when the warm-up never settles', async () => {
    system.failAfter = 2; // the steady state's read and write succeed; the warm-up's requests fail
    const { result } = await run({ load: { rate: 50, duration: '2s', warmup: { ramp: '200ms', window: '200ms', maxHold: '1s' } } });
    expect(result.verdict).toBe('errored');
    expect(result.reason).toMatch(/^the stack did not settle during warm-up, so the run is void: not steady within 1000 ms/);
    expect(result.load).toBeUndefined();
  });
});
