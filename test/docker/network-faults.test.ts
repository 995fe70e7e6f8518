import { imagesNeeded } from '../../src/stack/images-needed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFault } from '../../src/faults/registry.js';
import type { FaultContext } from '../../src/faults/fault.js';
import { toxicName } from '../../src/faults/toxic-fault.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { RunEnvironment } from '../../src/runtime/runtime.js';
import { blackhole, isolate, latency, partition, reset } from '../../src/faults/catalogue.js';
import type { NetworkFaultPlan } from '../../src/faults/network-fault.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import type { FaultInput, FaultPlan } from '../../src/faults/catalogue.js';
import { startReferenceStack, type StartedStack } from '../../src/stack/reference-stack.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

/** One request through the whole stack (load balancer → app → cache/database), timed. */
async function call(stack: StartedStack, method: 'GET' | 'POST', path: string): Promise<{ status: number; ms: number }> {
  const began = performance.now();
  try {
    const response = await fetch(`http://${stack.entry.host}:${stack.entry.port}${path}`, {
      method,
      ...(method === 'POST' ? { body: JSON.stringify({ id: `${path}-${Math.random()}`.slice(0, 60), value: 'v' }), headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - began };
  } catch {
    return { status: 0, ms: performance.now() - began };
  }
}

async function median(times: number, fn: () => Promise<{ ms: number }>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push((await fn()).ms);
  return values.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

describe.skipIf(!dockerReady)('network faults through the fault proxy, on real containers', () => {
  const runId = `test-network-${process.pid}`;
  let env: RunEnvironment;
  let stack: StartedStack;
  let context: FaultContext;
  let plan: (fault: FaultInput) => FaultPlan;
  const toxicPlan = (fault: FaultInput): NetworkFaultPlan => {
    const resolved = plan(fault);
    if (!('toxics' in resolved)) throw new Error(`${resolved.kind} is not a network fault`);
    return resolved;
  };

  beforeAll(async () => {
    const resolved = resolveScenario({ name: 'network', stack: { app: { replicas: 1 } }, load: { rate: 1, duration: '60s' } });
    if (!resolved.ok) throw new Error('bad plan');
    env = await new DockerRuntime().createRun(runId);
    stack = await startReferenceStack(resolved.plan.stack, await images(imagesNeeded(resolved.plan.stack)), env);
    context = { service: (name) => stack.services.get(name)!, proxy: stack.proxy!, link: (name) => stack.link(name) };
    plan = (fault) => {
      const result = resolveScenario({ name: 'network', stack: { app: { replicas: 1 } }, load: { rate: 1, duration: '60s' }, timeline: [{ at: '1s', fault }] });
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
      return result.plan.timeline[0]!;
    };
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should list every link on the proxy under its predictable name', async () => {
    expect((await stack.proxy!.links()).sort()).toEqual(['app-1->db-1', 'app-1->redis', 'client->lb', 'lb->app-1']);
  });

  it('should slow reads by the latency put on the cache link, and verify it by a probe', async () => {
    await call(stack, 'GET', '/items/seed-3'); // cached from now on
    const before = await median(5, () => call(stack, 'GET', '/items/seed-3'));
    const fault = createFault(plan(latency('app-1->redis', 100)), context);
    await fault.prepare?.();
    await fault.inject();
    let during: number;
    try {
      const effect = await fault.verify();
      expect(effect.verified, effect.detail).toBe(true);
      expect(effect.detail).toMatch(/a probe through app-1->redis took .* after \(\+\d+/);
      during = await median(5, () => call(stack, 'GET', '/items/seed-3'));
    } finally {
      await fault.revert();
    }
    const after = await median(5, () => call(stack, 'GET', '/items/seed-3'));
    // +100 ms per cache round trip, ± 20 ms for the medians' noise on a busy machine.
    expect(during - before).toBeGreaterThan(80);
    expect(during - before).toBeLessThan(160);
    expect(after).toBeLessThan(before + 30);
    expect(await stack.proxy!.toxics('app-1->redis')).toEqual([]);
  });

  it('should make writes fail while the database link is black-holed, and work again after', async () => {
    const fault = createFault(plan(blackhole('db-1')), context);
    await fault.inject();
    expect((await fault.verify()).verified).toBe(true);
    const during = await call(stack, 'POST', '/items');
    expect([500, 503]).toContain(during.status);
    await fault.revert();
    const after = await call(stack, 'POST', '/items');
    expect(after.status).toBe(201);
  });

  it('should keep reads working (from the database) when the app is partitioned from Redis', async () => {
    const fault = createFault(plan(partition(['app-1'], ['redis'])), context);
    await fault.inject();
    expect((await fault.verify()).verified).toBe(true);
    const read = await call(stack, 'GET', '/items/seed-9');
    expect(read.status).toBe(200);
    await fault.revert();
  });

  it('should reset connections on a link', async () => {
    const fault = createFault(plan(reset('app-1->redis')), context);
    await fault.inject();
    const effect = await fault.verify();
    await fault.revert();
    expect(effect.verified, effect.detail).toBe(true);
    expect(effect.detail).toMatch(/was (reset|closed)/);
  });

  it('should not verify a toxic that something removed behind its back', async () => {
    const latencyPlan = toxicPlan(latency('app-1->db-1', 80));
    const fault = createFault(latencyPlan, context);
    await fault.prepare?.();
    await fault.inject();
    await stack.proxy!.removeToxic('app-1->db-1', toxicName(latencyPlan.id, latencyPlan.toxics[0]!));
    const effect = await fault.verify();
    expect(effect.verified).toBe(false);
    expect(effect.detail).toContain('the proxy does not have: latency downstream on app-1->db-1');
    await fault.revert();
  });

  it('should isolate a service from the network for real and bring it back', async () => {
    const redis = stack.services.get('redis')!;
    const fault = createFault(plan(isolate('redis')), context);
    await fault.inject();
    expect(await fault.verify()).toEqual({ verified: true, detail: 'redis is disconnected from the run\'s network' });
    // Even the proxy cannot reach it now: a probe through the cache link gets no PONG.
    const probe = await stack.link('app-1->redis');
    const { probeLink } = await import('../../src/faults/link-probe.js');
    expect((await probeLink(probe.endpoint, probe.protocol, 1000)).outcome).not.toBe('answered');
    expect((await call(stack, 'GET', '/items/seed-11')).status).toBe(200);
    await fault.revert();
    expect(await redis.connected()).toBe(true);
    expect((await probeLink(probe.endpoint, probe.protocol, 1000)).outcome).toBe('answered');
  });

  it('should leave nothing behind', async () => {
    await env.teardown();
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});
