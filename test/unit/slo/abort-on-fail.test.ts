import { describe, expect, it } from 'vitest';
import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import type { ScenarioInput } from '../../../src/scenario/types.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import { crossedAbortThreshold } from '../../../src/slo/abort-on-fail.js';

const planOf = (slo: ScenarioInput['slo']) => {
  const resolved = resolveScenario({ name: 'abort', load: { rate: 100, duration: '20s' }, timeline: [{ at: '2s', fault: { kind: 'kill', target: 'app-1' } }], slo });
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  return resolved.plan;
};
// 100 req/s: ok until 2 s, then every request fails; answered 2 ms after it was due.
const history = (untilMs: number) => samplesFromRows(Array.from({ length: untilMs / 10 }, (_, i) => ({
  scheduledMs: i * 10, endMs: i * 10 + 2, outcome: i * 10 < 2000 ? 'ok' as const : 'fail' as const,
})));
const faults = [{ id: 'fault-1', atMs: 2000, durationMs: undefined }];

describe('crossedAbortThreshold (k6 abortOnFail)', () => {
  it('should report the first abortOnFail threshold crossed by the data so far', () => {
    const plan = planOf({ thresholds: { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true }] } });
    expect(crossedAbortThreshold(plan, { samples: history(2000), faults: [], elapsedMs: 2000 })).toBeUndefined();
    expect(crossedAbortThreshold(plan, { samples: history(4000), faults, elapsedMs: 4000 })).toEqual({ key: 'http_req_failed', source: 'rate<0.1', atMs: 4000, actual: 0.5 });
  });

  it('should ignore thresholds without abortOnFail, and wait out delayAbortEval', () => {
    expect(crossedAbortThreshold(planOf({ thresholds: { http_req_failed: ['rate<0.1'] } }), { samples: history(4000), faults, elapsedMs: 4000 })).toBeUndefined();
    const delayed = planOf({ thresholds: { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '5s' }] } });
    expect(crossedAbortThreshold(delayed, { samples: history(4000), faults, elapsedMs: 4000 })).toBeUndefined();
    expect(crossedAbortThreshold(delayed, { samples: history(6000), faults, elapsedMs: 6000 })?.key).toBe('http_req_failed');
  });

  it('should skip a metric without samples during the run, as k6 does', () => {
    // Nothing is "during" before the fault: count>=1 over no samples would fail at the end, but not mid-run.
    const plan = planOf({ thresholds: { 'http_reqs{phase:during}': [{ threshold: 'count>=1', abortOnFail: true }] } });
    expect(crossedAbortThreshold(plan, { samples: history(1500), faults: [], elapsedMs: 1500 })).toBeUndefined();
  });

  it('should judge tagged thresholds on the phases the data shows so far', () => {
    const plan = planOf({ thresholds: { 'http_req_failed{phase:before}': [{ threshold: 'rate<0.1', abortOnFail: true }], 'http_req_failed{phase:during}': [{ threshold: 'rate<0.1', abortOnFail: true }] } });
    expect(crossedAbortThreshold(plan, { samples: history(4000), faults, elapsedMs: 4000 })).toMatchObject({ key: 'http_req_failed{phase:during}', actual: 1 });
  });
});
