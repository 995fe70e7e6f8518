import { checkConvergence, type ConvergenceResult, type NodeState } from '../ledger/convergence.js';
import { checkLedger, type LedgerResult } from '../ledger/check-ledger.js';
import type { RequestSamples } from '../metrics/request-samples.js';
import type { ServiceHandle } from '../runtime/runtime.js';
import type { StartedStack } from '../stack/reference-stack.js';
import { sql } from '../stack/db-admin.js';

/** Where writes go now: the controller's primary, or the only database node. */
export async function currentPrimary(stack: StartedStack): Promise<ServiceHandle> {
  const name = stack.controller ? (await stack.controller.status()).primary : stack.plan.db.nodes[0]!;
  const node = stack.services.get(name);
  if (!node) throw new Error(`the controller names ${name} as primary, but the stack has no such service`);
  return node;
}

/**
 * The ledger check: every write id of this run that the current primary holds, compared with
 * what each write's client was told.
 */
export async function readLedger(stack: StartedStack, runTag: string, samples: RequestSamples): Promise<LedgerResult> {
  const primary = await currentPrimary(stack);
  const pattern = `${runTag.replace(/[\\%_']/g, (c) => `\\${c}`)}-%`;
  const rows = await sql(primary, `SELECT id FROM faultline.items WHERE id LIKE '${pattern}'`);
  return checkLedger(samples, runTag, rows.map((row) => row[0] ?? ''));
}

/**
 * Waits (up to `timeoutMs`) until every database node holds the same GTID position and table
 * checksum — replication caught up after the heal — and reports what it last saw.
 */
export async function awaitConvergence(stack: StartedStack, timeoutMs: number): Promise<ConvergenceResult> {
  const nodes = stack.plan.db.nodes.map((name) => stack.services.get(name)).filter((node) => node !== undefined);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(nodes.map(readNodeState));
    const result = checkConvergence(states);
    if (result.converged || performance.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function readNodeState(node: ServiceHandle): Promise<NodeState> {
  try {
    const [gtid] = await sql(node, 'SELECT @@gtid_current_pos');
    const [checksum] = await sql(node, 'CHECKSUM TABLE faultline.items');
    return { name: node.name, gtid: gtid?.[0] ?? '', checksum: checksum?.[1] };
  } catch {
    return { name: node.name, gtid: undefined, checksum: undefined };
  }
}
