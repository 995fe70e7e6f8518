import { describe, expect, it } from 'vitest';
import { reset } from '../../src/faults/catalogue.js';
import { dockerReady } from './_docker.js';
import { runScenarioObject } from './_run.js';

describe.skipIf(!dockerReady)('writes under the load balancer’s retries, on real containers', () => {
  it('should never call a committed write failed: a write whose answer was lost is unknown, and present', async () => {
    // Every answer from app-1 is reset on its way back: app-1 has committed the write, HAProxy
    // gets nothing. Were the write retried on app-2 it would come back 409 (the id exists) and
    // count as a failure that in fact happened — a phantom failing lostWrites on a correct system.
    const result = await runScenarioObject({
      name: 'write-retries',
      stack: { app: { replicas: 2 } },
      load: { rate: 100, duration: '6s', mix: { write: 1 }, warmup: '1s' },
      timeline: [{ at: '1s', fault: reset('lb->app-1', { duration: '3s' }) }],
      slo: { lostWrites: 0 },
    });
    const ledger = result.database?.ledger;
    expect(result.faults[0]?.verified, result.faults[0]?.detail).toBe(true);
    expect(ledger?.phantom).toEqual([]);
    expect(ledger?.lost).toEqual([]);
    // The writes app-1 committed but could not answer: unknown to the client, found in the table.
    expect(ledger?.unknownPresent.length).toBeGreaterThan(5);
    expect(result.slos.find((s) => s.id === 'lost-writes')?.status).toBe('pass');
  });
});
