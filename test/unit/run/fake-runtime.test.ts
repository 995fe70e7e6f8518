import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEnvironment, ServiceSpec } from '../../../src/runtime/runtime.js';
import { ServiceExistsError, UnknownVolumeError, VolumeExistsError, VolumeInUseError } from '../../../src/runtime/runtime-errors.js';
import { FakeRuntime, FakeSystem } from './_fake-runtime.js';

/**
 * The fake runtime stands in for Docker in engine tests; these check it keeps the rules the
 * Docker-backed tests (test/docker/volumes.test.ts, remove-service.test.ts) show Docker keeping.
 */
describe('the fake runtime', () => {
  let system: FakeSystem;
  let runtime: FakeRuntime;
  let env: RunEnvironment;
  const db: ServiceSpec = {
    name: 'db-1', role: 'db', image: 'fake/db', readiness: { kind: 'command', command: ['true'] },
    mounts: [{ kind: 'volume', source: 'db-1-data', target: '/var/lib/mysql' }, { kind: 'tmpfs', target: '/tmp', sizeBytes: 1024 }],
  };

  beforeEach(async () => {
    system = new FakeSystem();
    await system.start();
    runtime = new FakeRuntime(system);
    env = await runtime.createRun('fake-run');
  });
  afterEach(async () => {
    await system.close();
  });

  it('should refuse to destroy a volume a service holds, running or stopped, naming it', async () => {
    await env.createVolume('db-1-data', { service: 'db-1' });
    const node = await env.start(db);
    expect(await env.volumes()).toEqual([{ name: 'db-1-data', runtimeName: 'fake-fake-run-db-1-data', service: 'db-1', usedBy: ['db-1'] }]);
    await expect(env.destroyVolume('db-1-data')).rejects.toThrow(new VolumeInUseError('db-1-data', [{ service: 'db-1', status: 'running' }]));
    await node.kill('SIGKILL');
    await expect(env.destroyVolume('db-1-data')).rejects.toThrow('in use by db-1 (exited)');
    await node.remove();
    await env.destroyVolume('db-1-data');
    expect(await env.volumes()).toEqual([]);
    await expect(env.destroyVolume('db-1-data')).rejects.toBeInstanceOf(UnknownVolumeError);
  });

  it('should refuse a volume name twice, and a mount of a volume the run does not have', async () => {
    await env.createVolume('db-1-data');
    await expect(env.createVolume('db-1-data')).rejects.toBeInstanceOf(VolumeExistsError);
    await expect(env.start({ ...db, mounts: [{ kind: 'volume', source: 'elsewhere', target: '/data' }] })).rejects.toBeInstanceOf(UnknownVolumeError);
    await expect(env.createVolume('not a name')).rejects.toThrow("'not a name' is not a volume name");
  });

  it('should start a fresh service under a removed one\'s name, and refuse one under a name in use', async () => {
    await env.createVolume('db-1-data');
    const first = await env.start(db);
    await expect(env.start(db)).rejects.toBeInstanceOf(ServiceExistsError);
    await first.remove();
    expect(env.service('db-1')).toBeUndefined();
    expect((await first.state()).status).toBe('missing');
    await expect(first.exec(['true'])).rejects.toThrow('was removed');
    const second = await env.start(db);
    expect(second.id).not.toBe(first.id);
    expect(env.service('db-1')).toBe(second);
    expect(env.services()).toEqual([second]);
  });

  it('should count volumes in listings, teardown and removal by run', async () => {
    await env.createVolume('db-1-data');
    await env.createVolume('db-1-binlog');
    await env.start(db);
    expect(await runtime.listRuns()).toEqual([{ runId: 'fake-run', containers: 1, networks: 1, volumes: 2, stale: false }]);
    expect(await env.teardown()).toEqual({ containersRemoved: 1, networksRemoved: 1, volumesRemoved: 2 });
    expect(await runtime.listRuns()).toEqual([]);

    const other = await runtime.createRun('other-run');
    await other.createVolume('backups');
    expect(await runtime.removeRun('other-run')).toEqual({ containersRemoved: 0, networksRemoved: 1, volumesRemoved: 1 });
    await expect(other.createVolume('again')).rejects.toThrow('torn down');
  });
});
