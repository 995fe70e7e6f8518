import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import type { RunEnvironment } from '../../src/runtime/runtime.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import { sql } from '../../src/stack/db-admin.js';
import { imagesNeeded } from '../../src/stack/images-needed.js';
import { startReferenceStack, type StartedStack } from '../../src/stack/reference-stack.js';
import { dockerReady, images } from './_docker.js';

describe.skipIf(!dockerReady)('an isolated semi-sync primary fences itself, on real containers', () => {
  const runId = `test-fencing-${process.pid}`;
  let env: RunEnvironment;
  let stack: StartedStack;

  beforeAll(async () => {
    const resolved = resolveScenario({ name: 'fencing', stack: { app: { replicas: 1 }, db: { replication: 'semi-sync' } }, load: { rate: 1, duration: '60s' } });
    if (!resolved.ok) throw new Error('bad plan');
    env = await new DockerRuntime().createRun(runId);
    stack = await startReferenceStack(resolved.plan.stack, await images(imagesNeeded(resolved.plan.stack)), env);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should become read-only within its lease even while a commit waits for a semi-sync acknowledgement', async () => {
    const db1 = stack.services.get('db-1')!;
    await sql(db1, "INSERT INTO faultline.items (id, value) VALUES ('fencing-before', 'v')");
    // The replica hears nothing more and its acknowledgements never come back: the replication
    // connection stays open but silent, so the primary does not notice it is gone.
    for (const stream of ['upstream', 'downstream'] as const) {
      await stack.proxy!.addToxic(`cut-${stream}`, { link: 'db-2->db-1', stream, type: 'timeout', attributes: { timeout: 0 } });
    }
    // This commit now waits for an acknowledgement (up to rpl_semi_sync_master_timeout, 10 s).
    const stuck = sql(db1, "INSERT INTO faultline.items (id, value) VALUES ('fencing-stuck', 'v')").catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const isolatedAt = performance.now();
    await db1.isolate();
    let fencedAfterMs = Number.POSITIVE_INFINITY;
    while (performance.now() - isolatedAt < 12_000) {
      const [row] = await sql(db1, 'SELECT @@read_only');
      if (row?.[0] === '1') {
        fencedAfterMs = performance.now() - isolatedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stuck;
    await db1.rejoin();
    // The lease is 2 s; the watchdog fences after 1.5 s of silence. Not the 10 s semi-sync timeout.
    expect(fencedAfterMs).toBeLessThan(4000);
  });
});
