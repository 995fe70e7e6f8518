import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocker } from '../../src/runtime/docker/docker-client.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { RunEnvironment, ServiceSpec } from '../../src/runtime/runtime.js';
import { dockerReady, images, leftovers } from './_docker.js';

describe.skipIf(!dockerReady)('removing a service and starting it again under its name', () => {
  const runId = `test-remove-${process.pid}`;
  let env: RunEnvironment;
  let spec: ServiceSpec;

  beforeAll(async () => {
    env = await new DockerRuntime().createRun(runId);
    spec = { name: 'cache', role: 'cache', image: (await images(['redis'])).redis!, readiness: { kind: 'command', command: ['redis-healthcheck'] } };
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should remove the container and start a fresh one under the same name', async () => {
    const first = await env.start(spec);
    expect((await first.exec(['sh', '-c', 'echo before > /tmp/marker'])).exitCode).toBe(0);

    await first.remove();
    expect((await first.state()).status).toBe('missing');
    await expect((await getDocker()).getContainer(first.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await leftovers(runId)).containers).toEqual([]);
    expect(env.service('cache')).toBeUndefined();
    expect(env.services()).toEqual([]);

    const second = await env.start(spec);
    expect(second.id).not.toBe(first.id);
    expect((await second.state()).status).toBe('running');
    expect(env.service('cache')).toBe(second);
    expect(env.services()).toEqual([second]);
    // A new container, not the old one brought back: nothing written in the old one is there.
    expect((await second.exec(['test', '-e', '/tmp/marker'])).exitCode).toBe(1);
    expect((await leftovers(runId)).containers).toEqual([`/faultline-${runId}-cache`]);
  });

  it('should refuse a second service under a name in use, running or stopped, and say so', async () => {
    const current = env.service('cache')!;
    await expect(env.start(spec)).rejects.toThrow(`service cache already exists in run ${runId} (running)`);
    await current.kill('SIGKILL');
    await expect(env.start(spec)).rejects.toThrow(`service cache already exists in run ${runId} (exited)`);
    expect(env.service('cache')).toBe(current);
  });

  it('should remove a killed service too, and take a second remove calmly', async () => {
    const current = env.service('cache')!;
    await current.remove();
    await current.remove();
    expect((await current.state()).status).toBe('missing');
    await expect(current.exec(['true'])).rejects.toThrow();
    expect((await leftovers(runId)).containers).toEqual([]);
  });
});
