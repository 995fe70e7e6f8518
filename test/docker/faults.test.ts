import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFault } from '../../src/faults/registry.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { httpStatus } from '../../src/runtime/probe.js';
import type { Endpoint, RunEnvironment, ServiceHandle } from '../../src/runtime/runtime.js';
import type { FaultPlan } from '../../src/faults/catalogue.js';
import type { FaultPlanBase } from '../../src/scenario/plan.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { serviceSpec } from '../../src/stack/service-specs.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

/** A node fault's plan entry on app-1, with the kind's own fields in `extra`. */
function fault<K extends 'kill' | 'pause' | 'stop' | 'restart'>(kind: K, extra: Omit<Extract<FaultPlan, { kind: K }>, keyof FaultPlanBase> & Partial<FaultPlanBase>): FaultPlan {
  return { id: 'fault-1', kind, target: 'app-1', services: ['app-1'], atMs: 0, durationMs: undefined, label: kind, ...extra } as FaultPlan;
}

/** What a client sees on a TCP port: refused, connected-but-silent, or answering HTTP. */
async function probe(endpoint: Endpoint): Promise<'refused' | 'silent' | number> {
  const status = await httpStatus(endpoint, '/healthz', 500);
  if (status !== 0) return status;
  return new Promise((resolve) => {
    const socket = connect(endpoint.port, endpoint.host);
    socket.once('connect', () => { socket.destroy(); resolve('silent'); });
    socket.once('error', () => resolve('refused'));
  });
}

describe.skipIf(!dockerReady)('node faults on a real container', () => {
  const runId = `test-faults-${process.pid}`;
  let env: RunEnvironment;
  let app: ServiceHandle;
  let endpoint: Endpoint;

  beforeAll(async () => {
    const resolved = resolveScenario({ name: 'faults', stack: { app: { replicas: 1 } }, load: { rate: 1, duration: '1s' } });
    if (!resolved.ok) throw new Error('bad plan');
    env = await new DockerRuntime().createRun(runId);
    const plan = resolved.plan.stack;
    app = await env.start(serviceSpec(plan.services.find((s) => s.name === 'app-1')!, plan, await images(['app']), env));
    endpoint = await app.endpoint(8080);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should kill with SIGKILL: the process is gone (exit 137) and the port refuses; revert brings it back', async () => {
    expect(await probe(endpoint)).toBe(200);
    const kill = createFault(fault('kill', { signal: 'SIGKILL' }), { service: () => app });
    await kill.inject();
    const effect = await kill.verify();
    expect(effect).toEqual({ verified: true, detail: 'app-1 exited with code 137 after SIGKILL' });
    expect(await probe(endpoint)).toBe('refused');
    await kill.revert();
    expect(await probe(endpoint)).toBe(200);
  });

  it('should pause: connections are accepted but never answered; revert thaws it', async () => {
    const pause = createFault(fault('pause', { durationMs: 1000 }), { service: () => app });
    await pause.inject();
    expect((await pause.verify()).verified).toBe(true);
    expect(await probe(endpoint)).toBe('silent');
    expect((await app.state()).status).toBe('paused');
    await pause.revert();
    expect(await probe(endpoint)).toBe(200);
  });

  it('should stop gracefully and restart with a new start time', async () => {
    const stop = createFault(fault('stop', { graceMs: 5000 }), { service: () => app });
    await stop.inject();
    expect((await stop.verify()).detail).toMatch(/app-1 stopped \(exit code \d+\)/);
    await stop.revert();
    const restart = createFault(fault('restart', { graceMs: 0 }), { service: () => app });
    await restart.inject();
    expect((await restart.verify()).verified).toBe(true);
    expect(await probe(endpoint)).toBe(200);
  });

  it('should report a kill whose signal the process ignores as not verified', async () => {
    // The app (PID 1) has no handler for SIGWINCH, so the kill does nothing: it must not verify.
    const ignored = createFault(fault('kill', { signal: 'SIGWINCH' as never }), { service: () => app });
    await ignored.inject();
    const effect = await ignored.verify();
    expect(effect.verified).toBe(false);
    expect(effect.detail).toContain('the signal had no visible effect');
  }, 30_000);

  it('should leave nothing behind', async () => {
    await env.teardown();
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});
