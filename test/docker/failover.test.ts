import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFault } from '../../src/faults/registry.js';
import { samplesFromRows } from '../../src/metrics/request-samples.js';
import { readLedger } from '../../src/run/data-checks.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { waitUntil } from '../../src/runtime/wait-until.js';
import type { RunEnvironment, ServiceHandle } from '../../src/runtime/runtime.js';
import { isolate } from '../../src/faults/catalogue.js';
import { resolveScenario } from '../../src/resolve-scenario.js';
import type { FaultInput } from '../../src/faults/catalogue.js';
import type { ScenarioInput } from '../../src/scenario/types.js';
import { sql } from '../../src/stack/db-admin.js';
import { imagesNeeded } from '../../src/stack/images-needed.js';
import { startReferenceStack, type StartedStack } from '../../src/stack/reference-stack.js';
import { dockerReady, images, leftovers, nothingLeft } from './_docker.js';

async function post(stack: StartedStack, id: string): Promise<number> {
  try {
    const response = await fetch(`http://${stack.entry.host}:${stack.entry.port}/items`, {
      method: 'POST', body: JSON.stringify({ id, value: 'v' }), headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(3000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function readOnly(node: ServiceHandle): Promise<boolean> {
  return (await sql(node, 'SELECT @@read_only'))[0]?.[0] === '1';
}

async function startStack(input: ScenarioInput, runId: string): Promise<{ env: RunEnvironment; stack: StartedStack }> {
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  const env = await new DockerRuntime().createRun(runId);
  const stack = await startReferenceStack(resolved.plan.stack, await images(imagesNeeded(resolved.plan.stack)), env);
  return { env, stack };
}

const base = { load: { rate: 1, duration: '60s' }, stack: { app: { replicas: 1 } } } as const;

describe.skipIf(!dockerReady)('database failover with async replication, on real containers', () => {
  const runId = `test-failover-${process.pid}`;
  let env: RunEnvironment;
  let stack: StartedStack;

  beforeAll(async () => {
    ({ env, stack } = await startStack({ ...base, name: 'failover', stack: { ...base.stack, db: { replication: 'async' } } }, runId));
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should boot with db-1 the only writable node and db-2 replicating it', async () => {
    const status = await stack.controller!.status();
    expect(status.primary).toBe('db-1');
    expect(await readOnly(stack.services.get('db-1')!)).toBe(false);
    expect(await readOnly(stack.services.get('db-2')!)).toBe(true);
    const replica = status.nodes.find((n) => n.name === 'db-2');
    expect(replica?.replication).toMatchObject({ io: 'Yes', sql: 'Yes' });
  });

  it('should report exactly the writes that never reached the replica as lost after a failover', async () => {
    const tag = `known-${process.pid}`;
    const db1 = stack.services.get('db-1')!;
    const db2 = stack.services.get('db-2')!;
    // Replicated writes: acknowledged and present after the failover.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await post(stack, `${tag}-${i}`));
    await waitUntil('replica caught up', async () => (await sql(db2, `SELECT COUNT(*) FROM faultline.items WHERE id LIKE '${tag}-%'`))[0]?.[0] === '5', { timeoutMs: 10_000 });
    // The replica stops fetching: what is written now exists only on db-1.
    await sql(db2, 'STOP SLAVE IO_THREAD');
    for (let i = 5; i < 25; i++) statuses.push(await post(stack, `${tag}-${i}`));
    expect(statuses.every((s) => s === 201)).toBe(true);

    await db1.kill('SIGKILL');
    await waitUntil('db-2 promoted', async () => (await stack.controller!.status()).primary === 'db-2', { timeoutMs: 30_000, intervalMs: 250 });
    await waitUntil('writes accepted again', async () => (await post(stack, `${tag}-after-${Date.now()}`)) === 201, { timeoutMs: 20_000, intervalMs: 250 });

    const samples = samplesFromRows(Array.from({ length: 25 }, (_, i) => ({ scheduledMs: i, endMs: i + 1, outcome: 'ok' as const, op: 'write' as const })));
    const ledger = await readLedger(stack, tag, samples);
    expect(ledger.lost).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
    expect(ledger.confirmed).toBe(5);
    expect(ledger.phantom).toEqual([]);
  });

  it('should fence the old primary when it comes back: read-only, not the primary, apps still write to db-2', async () => {
    const db1 = stack.services.get('db-1')!;
    await db1.start();
    await waitUntil('controller sees db-1 again', async () => {
      const node = (await stack.controller!.status()).nodes.find((n) => n.name === 'db-1');
      return node?.reachable === true && (node.role === 'fenced' || node.role === 'replica');
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(await readOnly(db1)).toBe(true);
    expect((await stack.controller!.status()).primary).toBe('db-2');
    const id = `after-fence-${process.pid}`;
    expect(await post(stack, id)).toBe(201);
    expect((await sql(stack.services.get('db-2')!, `SELECT COUNT(*) FROM faultline.items WHERE id = '${id}'`))[0]?.[0]).toBe('1');
  });

  it('should leave nothing behind', async () => {
    await env.teardown();
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});

describe.skipIf(!dockerReady)('isolation, switchover and promotion with semi-sync replication', () => {
  const runId = `test-isolate-${process.pid}`;
  let env: RunEnvironment;
  let stack: StartedStack;
  const plan = (fault: FaultInput) => {
    const resolved = resolveScenario({ ...base, name: 'x', stack: { ...base.stack, db: { replication: 'semi-sync' } }, timeline: [{ at: '1s', fault }] });
    if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
    return resolved.plan.timeline[0]!;
  };

  beforeAll(async () => {
    ({ env, stack } = await startStack({ ...base, name: 'isolate', stack: { ...base.stack, db: { replication: 'semi-sync' } } }, runId));
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('should have an isolated primary fence itself, promote the replica, and keep the old primary read-only after the heal', async () => {
    const context = { service: (name: string) => stack.services.get(name)!, controller: stack.controller! };
    const db1 = stack.services.get('db-1')!;
    const fault = createFault(plan(isolate('db-1')), context);
    await fault.inject();
    expect((await fault.verify()).verified).toBe(true);
    // Its lease lapses (2 s) and it can reach no peer: it turns itself read-only.
    await waitUntil('db-1 self-fenced', () => readOnly(db1), { timeoutMs: 10_000, intervalMs: 200 });
    await waitUntil('db-2 promoted', async () => (await stack.controller!.status()).primary === 'db-2', { timeoutMs: 30_000, intervalMs: 250 });
    expect(await post(stack, `iso-${process.pid}`)).toBe(201);
    await fault.revert();
    await waitUntil('db-1 rejoined as a replica', async () => {
      const node = (await stack.controller!.status()).nodes.find((n) => n.name === 'db-1');
      return node?.role === 'replica' && node.replication?.io === 'Yes' && node.replication.sql === 'Yes';
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(await readOnly(db1)).toBe(true);
  });

  it('should switch the primary over on request, and promote a chosen node', async () => {
    const context = { service: (name: string) => stack.services.get(name)!, controller: stack.controller! };
    const switchover = createFault(plan({ kind: 'switchover', to: 'db-1' }), context);
    await switchover.inject();
    const switched = await switchover.verify();
    expect(switched.verified, switched.detail).toBe(true);
    expect(switched.detail).toMatch(/primary db-2 → db-1/);
    expect(await readOnly(stack.services.get('db-2')!)).toBe(true);
    // The write in flight at the switch may be refused (503: definitely not committed); the app
    // then finds the new writer.
    await waitUntil('writes to the new primary', async () => (await post(stack, `switch-${process.pid}-${Date.now()}`)) === 201, { timeoutMs: 5000, intervalMs: 100 });

    const promote = createFault(plan({ kind: 'promote', target: 'db-2' }), context);
    await promote.inject();
    expect((await promote.verify()).verified).toBe(true);
    expect((await stack.controller!.status()).primary).toBe('db-2');
    await waitUntil('writes to the promoted node', async () => (await post(stack, `promote-${process.pid}-${Date.now()}`)) === 201, { timeoutMs: 5000, intervalMs: 100 });
  });
});
