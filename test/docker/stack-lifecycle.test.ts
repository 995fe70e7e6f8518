import { imagesNeeded } from '../../src/stack/images-needed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { RunEnvironment } from '../../src/runtime/runtime.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { startReferenceStack, type StartedStack } from '../../src/stack/reference-stack.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

describe.skipIf(!dockerReady)('reference stack on Docker', () => {
  const runtime = new DockerRuntime();
  const runId = `test-stack-${process.pid}`;
  let env: RunEnvironment;
  let stack: StartedStack;

  beforeAll(async () => {
    const resolved = resolveScenario({ name: 'lifecycle', stack: { app: { replicas: 2 } }, load: { rate: 1, duration: '1s' } });
    if (!resolved.ok) throw new Error('bad plan');
    env = await runtime.createRun(runId);
    stack = await startReferenceStack(resolved.plan.stack, await images(imagesNeeded(resolved.plan.stack)), env);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should serve reads (cache-aside) and writes through the load balancer on 127.0.0.1', async () => {
    expect(stack.entry.host).toBe('127.0.0.1');
    const base = `http://${stack.entry.host}:${stack.entry.port}`;
    const read = await fetch(`${base}/items/seed-7`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: 'seed-7' });
    const write = await fetch(`${base}/items`, { method: 'POST', body: JSON.stringify({ id: `w-${runId}`, value: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(write.status).toBe(201);
    const again = await fetch(`${base}/items/w-${runId}`);
    expect(again.status).toBe(200);
  });

  it('should spread requests over every replica', async () => {
    const base = `http://${stack.entry.host}:${stack.entry.port}`;
    const servedBy = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${base}/healthz`);
      servedBy.add(response.headers.get('x-served-by') ?? '');
    }
    expect([...servedBy].sort()).toEqual(['app-1', 'app-2']);
    expect((await stack.backendStates()).map((s) => `${s.name}:${s.up}`)).toEqual(['app-1:true', 'app-2:true']);
  });

  it('should label every container and network, and leave nothing behind after teardown', async () => {
    const before = await leftovers(runId);
    expect(before.containers.length).toBe(6);
    expect(before.networks.length).toBe(1);
    const report = await env.teardown();
    expect(report.containersRemoved).toBe(6);
    const after = await leftovers(runId);
    expect(after).toEqual(nothingLeft);
  });
});
