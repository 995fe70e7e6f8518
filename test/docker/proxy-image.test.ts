import { describe, expect, it } from 'vitest';
import { latency } from '../../src/faults/catalogue.js';
import { dockerReady, images } from './_docker.js';
import { runScenarioObject } from './_run.js';

/**
 * `stack.proxy.image` swaps in another Toxiproxy-compatible image, started with Toxiproxy's own
 * flags (`-host=0.0.0.0 -config=…`). No registry is reachable here, so the swap is exercised with
 * faultline's proxy image named explicitly — the same path a real `ghcr.io/shopify/toxiproxy`
 * would take.
 */
describe.skipIf(!dockerReady)('a user-chosen Toxiproxy image', () => {
  it('should run the stack and its network faults through the image the scenario names', async () => {
    const proxyImage = (await images(['proxy'])).proxy!;
    const result = await runScenarioObject({
      name: 'own-proxy-image',
      stack: { app: { replicas: 1 }, proxy: { image: proxyImage } },
      load: { rate: 50, duration: '6s', mix: { read: 1, write: 0 } },
      timeline: [{ at: '2s', fault: latency('redis', 60, { duration: '2s' }) }],
      slo: { availability: '99%', thresholds: { 'http_req_duration{phase:during}': ['p(50)>50'] } },
    });
    expect(result.verdict, result.reason).toBe('passed');
    expect(result.faults[0]?.verified).toBe(true);
  });
});
