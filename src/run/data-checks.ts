import { checkConvergence, type ConvergenceResult, type NodeState } from '../ledger/convergence.js';
import { checkLedger, type LedgerResult } from '../ledger/check-ledger.js';
import { writeValue } from '../load/http-workload.js';
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
 * The ledger check: every row of this run that the current primary holds, id and value, compared
 * with what each write's client was told and with the value it sent.
 */
export async function readLedger(stack: StartedStack, runTag: string, samples: RequestSamples): Promise<LedgerResult> {
  const primary = await currentPrimary(stack);
  const pattern = `${runTag.replace(/[\\%_']/g, (c) => `\\${c}`)}-%`;
  // Hex on the way out: ids and values arrive byte for byte (batch mode escapes tabs, newlines and
  // backslashes, and prints NULL and 'NULL' alike). A binary collation: the prefix as written, not
  // case-insensitively.
  const rows = await sql(primary, `SELECT HEX(id), value IS NULL, HEX(value) FROM faultline.items WHERE id LIKE '${pattern}' COLLATE utf8mb4_bin`);
  return checkLedger(samples, runTag, rows.map(([id, isNull, value]) => ({ id: unhex(id), value: isNull === '1' ? null : unhex(value) })), {
    expectedValue: writeValue,
  });
}

function unhex(hex: string | undefined): string {
  return Buffer.from(hex ?? '', 'hex').toString('utf8');
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
    // Once a second: this runs while the database watch still samples every node, and each poll is
    // a `docker exec` per node competing with the watch's on a 2-core runner.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** A node's GTID position and table checksum, in one `docker exec`. */
async function readNodeState(node: ServiceHandle): Promise<NodeState> {
  try {
    // Prefixed, so an empty GTID position is still a line of its own.
    const rows = await sql(node, "SELECT CONCAT('gtid:', @@gtid_current_pos); CHECKSUM TABLE faultline.items");
    const gtid = rows.find((row) => row.length === 1 && row[0]!.startsWith('gtid:'))?.[0]?.slice('gtid:'.length);
    const checksum = rows.find((row) => row[0] === 'faultline.items')?.[1];
    return { name: node.name, gtid, checksum };
  } catch {
    return { name: node.name, gtid: undefined, checksum: undefined };
  }
}
