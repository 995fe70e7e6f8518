import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';
import { repoRoot, spawnFaultline } from './_spawn.js';

describe.skipIf(!dockerReady)('clean-up of volumes', () => {
  it('should remove a run\'s volumes with removeRun, even one a container holds, and count them', async () => {
    const runtime = new DockerRuntime();
    const runId = `test-removerun-${process.pid}`;
    const env = await runtime.createRun(runId);
    await env.createVolume('data');
    await env.createVolume('binlog');
    await env.start({
      name: 'holder', role: 'cache', image: (await images(['redis'])).redis!,
      readiness: { kind: 'command', command: ['true'] },
      mounts: [{ kind: 'volume', source: 'data', target: '/data' }],
    });
    expect((await runtime.listRuns()).find((run) => run.runId === runId)).toMatchObject({ containers: 1, networks: 1, volumes: 2 });

    expect(await runtime.removeRun(runId)).toEqual({ containersRemoved: 1, networksRemoved: 1, volumesRemoved: 2 });
    expect(await leftovers(runId)).toEqual(nothingLeft);
    expect((await runtime.listRuns()).find((run) => run.runId === runId)).toBeUndefined();
  });

  it('should let `faultline cleanup` remove the volumes a dead harness left, and say so', async () => {
    const runId = `test-abandoned-${process.pid}`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/docker/_abandon-run.ts'), runId, (await images(['redis'])).redis!], { cwd: repoRoot });
    expect(stdout).toBe('abandoned\n');
    expect((await leftovers(runId)).volumes).toEqual([`faultline-${runId}-data`]);

    const cleanup = spawnFaultline(['cleanup']);
    expect(await cleanup.exit).toBe(0);
    expect(cleanup.output()).toMatch(/removed \d+ container\(s\), \d+ network\(s\) and \d+ volume\(s\) of \d+ run\(s\): .*/);
    expect(cleanup.output()).toContain(runId);
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});
