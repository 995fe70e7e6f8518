import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocker } from '../../src/runtime/docker/docker-client.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { Label } from '../../src/runtime/docker/labels.js';
import type { RunEnvironment, ServiceSpec } from '../../src/runtime/runtime.js';
import { UnknownVolumeError, VolumeExistsError, VolumeInUseError } from '../../src/runtime/runtime-errors.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

/** Docker's own list of volumes with exactly this name (`docker volume ls --filter name=…`). */
async function dockerVolumesNamed(name: string): Promise<string[]> {
  const { Volumes } = await (await getDocker()).listVolumes({ filters: { name: [name] } });
  return (Volumes ?? []).map((volume) => volume.Name).filter((found) => found === name);
}

describe.skipIf(!dockerReady)('named volumes of a run', () => {
  const runId = `test-volumes-${process.pid}`;
  const dockerName = `faultline-${runId}-cache-data`;
  let env: RunEnvironment;
  let spec: ServiceSpec;

  beforeAll(async () => {
    env = await new DockerRuntime().createRun(runId);
    spec = {
      name: 'cache', role: 'cache', image: (await images(['redis'])).redis!,
      readiness: { kind: 'command', command: ['redis-healthcheck'] },
      mounts: [{ kind: 'volume', source: 'cache-data', target: '/data' }],
    };
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should create a volume labelled with the run, under a name that carries the run id', async () => {
    const volume = await env.createVolume('cache-data', { service: 'cache' });
    expect(volume).toEqual({ name: 'cache-data', runtimeName: dockerName, service: 'cache' });
    const inspected = await (await getDocker()).getVolume(dockerName).inspect();
    expect(inspected.Labels).toMatchObject({ [Label.run]: runId, [Label.volume]: 'cache-data', [Label.service]: 'cache' });
    expect((await leftovers(runId)).volumes).toEqual([dockerName]);
    expect(await env.volumes()).toEqual([{ ...volume, usedBy: [] }]);
  });

  it('should refuse to create a volume the run already has, so a "new" volume never comes with old data', async () => {
    await expect(env.createVolume('cache-data')).rejects.toBeInstanceOf(VolumeExistsError);
  });

  it('should keep what a container wrote to the volume after the container is removed and a new one mounts it', async () => {
    const first = await env.start(spec);
    expect((await first.exec(['sh', '-c', 'echo written-by-the-first > /data/kept'])).exitCode).toBe(0);
    expect((await env.volumes())[0]?.usedBy).toEqual(['cache']);
    await first.remove();
    expect(await dockerVolumesNamed(dockerName)).toEqual([dockerName]);

    const second = await env.start(spec);
    expect(second.id).not.toBe(first.id);
    expect((await second.exec(['cat', '/data/kept'])).stdout).toBe('written-by-the-first\n');
  });

  it('should refuse to destroy a volume in use, naming the service that holds it, running or stopped', async () => {
    const holder = env.service('cache')!;
    const running = await env.destroyVolume('cache-data').catch((error: unknown) => error);
    expect(running).toBeInstanceOf(VolumeInUseError);
    expect((running as Error).message).toBe('cannot destroy volume cache-data: in use by cache (running)');

    // A stopped container still holds its volumes: Docker answers 409 just the same.
    await holder.kill('SIGKILL');
    await expect(env.destroyVolume('cache-data')).rejects.toThrow('cannot destroy volume cache-data: in use by cache (exited)');
    expect(await dockerVolumesNamed(dockerName)).toEqual([dockerName]);
  });

  it('should destroy the volume once its holder is removed: Docker no longer lists it', async () => {
    await env.service('cache')!.remove();
    await env.destroyVolume('cache-data');
    expect(await dockerVolumesNamed(dockerName)).toEqual([]);
    expect(await env.volumes()).toEqual([]);
    await expect(env.destroyVolume('cache-data')).rejects.toBeInstanceOf(UnknownVolumeError);
  });

  it('should give a service restored on a new volume under the old name an empty disk', async () => {
    await env.createVolume('cache-data');
    const restored = await env.start(spec);
    expect((await restored.exec(['test', '-e', '/data/kept'])).exitCode).toBe(1);
    // The image's /data ownership is copied into the new volume, so the service can still write.
    expect((await restored.exec(['sh', '-c', 'echo again > /data/kept'])).exitCode).toBe(0);
  });

  it('should refuse to mount a volume the run does not have, and not let Docker create one on the fly', async () => {
    const stray = { ...spec, name: 'stray', mounts: [{ kind: 'volume', source: 'never-created', target: '/data' }] } as const;
    await expect(env.start(stray)).rejects.toThrow(`cannot mount volume never-created into stray: run ${runId} has no volume never-created`);
    expect(await dockerVolumesNamed(`faultline-${runId}-never-created`)).toEqual([]);
    expect(env.service('stray')).toBeUndefined();
  });

  it('should remove the run\'s volumes, even in use, on teardown, and count them', async () => {
    await env.createVolume('spare');
    expect((await leftovers(runId)).volumes).toEqual([dockerName, `faultline-${runId}-spare`]);
    const report = await env.teardown();
    expect(report).toEqual({ containersRemoved: 1, networksRemoved: 1, volumesRemoved: 2 });
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});

describe.skipIf(!dockerReady)('a size-limited tmpfs mount', () => {
  const runId = `test-tmpfs-${process.pid}`;
  let env: RunEnvironment;

  beforeAll(async () => {
    env = await new DockerRuntime().createRun(runId);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should fail writes past its size with ENOSPC, and give it the mode asked for', async () => {
    const sizeBytes = 8 * 1024 * 1024;
    const service = await env.start({
      name: 'scratch', role: 'cache', image: (await images(['redis'])).redis!,
      readiness: { kind: 'command', command: ['redis-healthcheck'] },
      mounts: [{ kind: 'tmpfs', target: '/scratch', sizeBytes, mode: 0o1777 }],
    });
    expect((await service.exec(['df', '-B1', '--output=size', '/scratch'])).stdout.trim().split('\n').at(-1)?.trim()).toBe(String(sizeBytes));
    expect((await service.exec(['stat', '-c', '%a', '/scratch'])).stdout.trim()).toBe('1777');

    expect((await service.exec(['fallocate', '-l', '6M', '/scratch/ballast'])).exitCode).toBe(0);
    const tooBig = await service.exec(['fallocate', '-l', '4M', '/scratch/more']);
    expect(tooBig.exitCode).not.toBe(0);
    expect(tooBig.stderr).toContain('No space left on device');

    // A gradual fill stops at the limit the same way.
    const filled = await service.exec(['dd', 'if=/dev/zero', 'of=/scratch/fill', 'bs=1M', 'count=16']);
    expect(filled.exitCode).not.toBe(0);
    expect(filled.stderr).toContain('No space left on device');
    // Freeing the ballast heals it.
    expect((await service.exec(['sh', '-c', 'rm /scratch/ballast /scratch/fill && fallocate -l 4M /scratch/more'])).exitCode).toBe(0);
  });

  it('should refuse a tmpfs without a positive size before anything starts', async () => {
    await expect(env.start({
      name: 'unbounded', role: 'cache', image: 'never-started',
      readiness: { kind: 'command', command: ['true'] },
      mounts: [{ kind: 'tmpfs', target: '/scratch', sizeBytes: 0 }],
    })).rejects.toThrow('unbounded: mounts[0].sizeBytes must be a positive whole number of bytes, got 0');
    expect((await leftovers(runId)).containers).toEqual([`/faultline-${runId}-scratch`]);
  });
});
