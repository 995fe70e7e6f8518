import { afterAll, describe, expect, it } from 'vitest';
import { diskLoss } from '../../src/faults/catalogue.js';
import type { FaultStorage } from '../../src/faults/fault.js';
import { createFault } from '../../src/faults/registry.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { RunEnvironment, ServiceHandle } from '../../src/runtime/runtime.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { serviceSpec } from '../../src/stack/service-specs.js';
import { binlogVolume, dataVolume, stackVolumes } from '../../src/stack/stack-volumes.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

/** diskLoss on a real MariaDB node: its container and its data volume are gone, its binlog volume stays (unless asked). */
describe.skipIf(!dockerReady)('disk loss on a real database node', () => {
  const runId = `test-disk-loss-${process.pid}`;
  let env: RunEnvironment | undefined;

  afterAll(async () => {
    await env?.teardown();
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });

  it('should kill the node, remove its container and destroy its data volume, keeping its binlog volume', async () => {
    const resolved = resolveScenario({ name: 'disk-loss', stack: { app: { replicas: 1 } }, load: { rate: 1, duration: '10s' }, timeline: [{ at: '1s', fault: diskLoss('db-1') }] });
    if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
    const plan = resolved.plan.stack;
    env = await new DockerRuntime().createRun(runId);
    const run = env;
    for (const volume of stackVolumes(plan)) await run.createVolume(volume.name, { service: volume.service });
    const db: ServiceHandle = await run.start(serviceSpec(plan.services.find((s) => s.name === 'db-1')!, plan, await images(['db']), run));
    // The server writes its binlog to its own volume, not into the data directory.
    const listing = await db.exec(['sh', '-c', 'ls /var/lib/mysql-binlog; ls /var/lib/mysql | grep -c mariadb-bin || true']);
    expect(listing.stdout).toContain('mariadb-bin.000001');
    expect(listing.stdout.trim().split('\n').at(-1)).toBe('0');

    const storage: FaultStorage = {
      volumesOf: (node) => ({ data: dataVolume(node), binlog: binlogVolume(node) }),
      destroyVolume: (name) => run.destroyVolume(name),
      volumes: () => run.volumes(),
    };
    const fault = createFault(resolved.plan.timeline[0]!, { service: () => db, storage });
    await fault.inject();
    const effect = await fault.verify();
    expect(effect, effect.detail).toMatchObject({ verified: true });
    expect((await db.state()).status).toBe('missing');
    const names = (await run.volumes()).map((volume) => volume.name);
    expect(names).not.toContain('db-1-data');
    expect(names).toContain('db-1-binlog');
    // Nothing reverts a lost disk.
    await fault.revert();
    expect((await run.volumes()).map((volume) => volume.name)).not.toContain('db-1-data');
  });
});
