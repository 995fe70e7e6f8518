import { describe, expect, it } from 'vitest';
import { pause } from '../../src/scenario/fault-helpers.js';
import { dockerReady, leftovers } from './_docker.js';
import { runScenarioObject } from './_run.js';

/**
 * Ground truth for the outage measurement: the only app replica is frozen for exactly 3 s, and
 * the load balancer's health checks are slow enough (3 failures × 10 s) that it never takes the
 * replica out, so there is no failover path and no re-admission delay: clients must see a 3 s
 * outage. Tolerance ±150 ms.
 *
 * What the tolerance has to cover: the measurement resolution (1/rate + latency ≈ 22 ms at
 * 50 req/s) and the system's own drain after the thaw — every request sent during the freeze
 * waits in docker-proxy and socket buffers and is worked through first (≈ 0.4 ms each, measured),
 * so the drain grows with the rate: +70 ms at 50 req/s, +130 ms at 100 req/s, +190 ms at 200 req/s.
 */
describe.skipIf(!dockerReady)('outage measurement against a known fault', () => {
  it('should measure pausing the only backend for 3 s as an outage of 3 s ± 150 ms', async () => {
    const result = await runScenarioObject({
      name: 'ground-truth-pause',
      stack: { app: { replicas: 1 }, lb: { checkInterval: '10s', fall: 3, serverTimeout: '10s' } },
      load: { rate: 50, duration: '10s', mix: { read: 1, write: 0 }, timeout: '1s' },
      timeline: [{ at: '3s', fault: pause('app-1', '3s') }],
      slo: { longestOutage: '3.5s' },
    });
    expect(result.verdict, result.reason).toBe('passed');
    const fault = result.faults[0]!;
    expect(fault.verified).toBe(true);
    expect(fault.revertedMs! - fault.injectStartMs!).toBeGreaterThanOrEqual(3000);
    const outages = result.load!.outages;
    expect(outages.windows.length).toBeGreaterThanOrEqual(1);
    expect(Math.abs(outages.longestMs - 3000)).toBeLessThanOrEqual(150);
    // The outage is where the fault was.
    const longest = outages.windows.find((w) => w.durationMs === outages.longestMs)!;
    expect(Math.abs(longest.startMs - fault.injectStartMs!)).toBeLessThan(150);
    expect(await leftovers(result.runId)).toEqual({ containers: [], networks: [], paused: [] });
  });
});
