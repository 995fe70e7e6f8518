import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import { sloModules } from '../../../src/slo/catalogue.js';

describe('the SLO catalogue', () => {
  it('should resolve every objective it holds from its field under slo into its place in the plan', () => {
    const result = resolveScenario({
      name: 'catalogue',
      stack: { db: { replication: 'async' } },
      load: { rate: 10, duration: '10s' },
      slo: {
        availability: '99%', longestOutage: '2s', totalOutage: '3s', degraded: { longest: '1s' }, recovery: '5s', recoveryAfterHeal: '4s',
        thresholds: { http_req_failed: ['rate<0.1'] }, writeOutage: '6s', lostWrites: 0, singleWriter: true, convergence: true, restoreVerified: true, rto: '30s', rpo: { time: '2s' },
      },
    });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    const slo = result.plan.slo as unknown as Record<string, unknown>;
    for (const module of sloModules) expect(slo[module.planKey], module.field).not.toBeUndefined();
    expect(result.plan.slo).toMatchObject({ availabilityMin: 0.99, longestOutageMaxMs: 2000, writeOutageMaxMs: 6000, lostWrites: { max: 0 }, convergence: true });
  });

  it('should name an unknown slo field with every objective and setting allowed', () => {
    const result = resolveScenario({ name: 'x', load: { rate: 10, duration: '10s' }, slo: { mtbf: '10s' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.problems.find((p) => p.field === 'slo.mtbf')?.message ?? '';
    for (const module of sloModules) expect(message).toContain(module.field);
    expect(message).toContain('sustain');
  });
});
