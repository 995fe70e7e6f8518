import type { StartedStack } from '../stack/reference-stack.js';
import { waitUntil } from '../runtime/wait-until.js';
import type { SteadyStateReport } from './run-result.js';

/**
 * The steady-state hypothesis: every app server is in the load balancer's rotation, and a read
 * and a write through the load balancer succeed. Checked before load (else the run is void) and
 * after faults are reverted (else the system did not recover).
 */
export async function checkSteadyState(stack: StartedStack, probeId: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<SteadyStateReport> {
  let last = 'not checked';
  try {
    await waitUntil('steady state', async () => {
      const states = await stack.backendStates();
      const down = states.filter((server) => !server.up);
      if (states.length === 0 || down.length > 0) {
        last = `load balancer reports ${down.map((s) => `${s.name} ${s.status}`).join(', ') || 'no servers'}`;
        return false;
      }
      const read = await call(stack, 'GET', '/items/seed-1');
      if (read !== 200) {
        last = `GET /items/seed-1 answered ${read || 'nothing'}`;
        return false;
      }
      const write = await call(stack, 'POST', '/items', JSON.stringify({ id: probeId, value: 'steady-state probe' }));
      if (write !== 201 && write !== 409) {
        last = `POST /items answered ${write || 'nothing'}`;
        return false;
      }
      last = `all ${states.length} app servers UP; a read and a write through the load balancer succeeded`;
      return true;
    }, { timeoutMs: options.timeoutMs, intervalMs: 250, ...(options.signal ? { signal: options.signal } : {}) });
    return { ok: true, detail: last };
  } catch {
    return { ok: false, detail: `did not hold within ${Math.round(options.timeoutMs / 1000)}s: ${last}` };
  }
}

async function call(stack: StartedStack, method: string, path: string, body?: string): Promise<number> {
  try {
    const response = await fetch(`http://${stack.entry.host}:${stack.entry.port}${path}`, {
      method,
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(2000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
