import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outcome } from '../../src/metrics/request-samples.js';
import { readRequestsFile } from '../../src/reporters/requests-file.js';
import { pause } from '../../src/faults/catalogue.js';
import { dockerReady, leftovers, nothingLeft } from './_docker.js';
import { runScenarioObject } from './_run.js';

/**
 * Ground truth for the outage measurement: the only app replica is frozen for 3 s, and the load
 * balancer's health checks are slow enough (3 failures × 10 s) that it never takes the replica
 * out, so there is no failover path and no re-admission delay.
 *
 * What clients must see, independently of how outages are computed:
 * - it starts when the freeze took effect: between the pause call and its verification;
 * - it ends when the service has worked through what queued up during the freeze: no earlier
 *   than the unpause call, and no later than the last answer to a request sent while frozen.
 *   That drain is the system's own behaviour (every request sent meanwhile waits in docker-proxy,
 *   HAProxy and socket buffers; measured 70–220 ms at 50 req/s), so it is bounded separately.
 * Tolerance on each edge: the resolution at 50 req/s (1/rate + latency ≈ 22 ms) plus 10 ms.
 */
describe.skipIf(!dockerReady)('outage measurement against a known fault', () => {
  it('should measure pausing the only backend for 3 s as an outage from the freeze to the end of its drain', async () => {
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
    const freezeFrom = { earliest: fault.injectStartMs!, latest: fault.injectedMs! };
    const thawFrom = { earliest: fault.revertStartMs!, latest: fault.revertedMs! };
    expect(thawFrom.earliest - freezeFrom.latest).toBeGreaterThanOrEqual(2950);

    const samples = await readRequestsFile(join(result.reportDir, 'requests.bin'));
    let drainEnd = -Infinity;
    for (let i = 0; i < samples.length; i++) {
      const sentWhileFrozen = samples.scheduledMs[i]! >= freezeFrom.earliest && samples.scheduledMs[i]! <= thawFrom.latest;
      if (sentWhileFrozen && samples.outcome[i] === Outcome.ok) drainEnd = Math.max(drainEnd, samples.endMs[i]!);
    }
    expect(drainEnd - thawFrom.latest, 'the drain after the thaw').toBeLessThan(500);

    const outages = result.load!.outages;
    expect(outages.windows).toHaveLength(1);
    const [window] = outages.windows;
    const edge = 1000 / 50 + 2 + 10;
    expect(window!.startMs).toBeGreaterThanOrEqual(freezeFrom.earliest - edge);
    expect(window!.startMs).toBeLessThanOrEqual(freezeFrom.latest + edge);
    expect(window!.endMs).toBeGreaterThanOrEqual(thawFrom.earliest);
    expect(window!.endMs).toBeLessThanOrEqual(drainEnd + edge);
    expect(outages.longestMs).toBe(window!.durationMs);
    expect(await leftovers(result.runId)).toEqual(nothingLeft);
  });
});
