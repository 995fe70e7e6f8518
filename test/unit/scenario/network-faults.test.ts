import { describe, expect, it } from 'vitest';
import { blackhole, isolate, latency, partition } from '../../../src/faults/catalogue.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import type { FaultInput } from '../../../src/faults/catalogue.js';

function resolveFault(fault: FaultInput): ReturnType<typeof resolveScenario> {
  return resolveScenario({ name: 'x', stack: { app: { replicas: 2 } }, load: { rate: 10, duration: '30s' }, timeline: [{ at: '1s', fault }] });
}

function toxicsOf(fault: FaultInput): string[] {
  const result = resolveFault(fault);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const plan = result.plan.timeline[0]!;
  if (!('toxics' in plan)) throw new Error(`${plan.kind} is not a network fault`);
  return plan.toxics.map((t) => `${t.link} ${t.stream} ${t.type} ${JSON.stringify(t.attributes)}`);
}

describe('network faults in a plan', () => {
  it('should put latency on every link into a service, downstream by default', () => {
    expect(toxicsOf(latency('redis', 50, { jitter: 5 }))).toEqual([
      'app-1->redis downstream latency {"latency":50,"jitter":5}',
      'app-2->redis downstream latency {"latency":50,"jitter":5}',
    ]);
  });

  it('should black-hole one link both ways with the timeout toxic', () => {
    expect(toxicsOf(blackhole('lb->app-2'))).toEqual([
      'lb->app-2 upstream timeout {"timeout":0}',
      'lb->app-2 downstream timeout {"timeout":0}',
    ]);
  });

  it('should cut exactly the links crossing a partition, each way as asked', () => {
    expect(toxicsOf(partition(['app-1'], ['redis', 'db-1']))).toEqual([
      'app-1->redis upstream timeout {"timeout":0}',
      'app-1->redis downstream timeout {"timeout":0}',
      'app-1->db-1 upstream timeout {"timeout":0}',
      'app-1->db-1 downstream timeout {"timeout":0}',
    ]);
    // What app-1 sends to the databases is dropped; answers would still flow back.
    expect(toxicsOf(partition(['app-1'], ['db-1'], { direction: 'a-to-b' }))).toEqual(['app-1->db-1 upstream timeout {"timeout":0}']);
    // Group A on the server side of the link: A → B is the response direction.
    expect(toxicsOf(partition(['db-1'], ['app-2'], { direction: 'a-to-b' }))).toEqual(['app-2->db-1 downstream timeout {"timeout":0}']);
    expect(toxicsOf(partition(['client'], ['lb']))).toEqual(['client->lb upstream timeout {"timeout":0}', 'client->lb downstream timeout {"timeout":0}']);
  });

  it('should name the touched services and label the fault', () => {
    const result = resolveFault(partition(['app-1', 'app-2'], ['db-1'], { duration: '5s' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const fault = result.plan.timeline[0]!;
    expect(fault.services).toEqual(['app-1', 'db-1', 'app-2']);
    expect(fault.durationMs).toBe(5000);
    expect(fault.label).toBe('partition [app-1, app-2] | [db-1] (app-1->db-1, app-2->db-1) for 5s');
  });

  it('should allow isolate without the proxy but not latency', () => {
    const withoutProxy = (fault: FaultInput): ReturnType<typeof resolveScenario> =>
      resolveScenario({ name: 'x', stack: { proxy: { enabled: false } }, load: { rate: 10, duration: '30s' }, timeline: [{ at: '1s', fault }] });
    expect(withoutProxy(isolate('redis', { duration: '2s' })).ok).toBe(true);
    const refused = withoutProxy(latency('redis', 10));
    expect(refused.ok).toBe(false);
  });

  it('should let network faults on different links overlap', () => {
    const result = resolveScenario({
      name: 'x', load: { rate: 10, duration: '30s' },
      timeline: [{ at: '1s', fault: latency('redis', 10, { duration: '10s' }) }, { at: '2s', fault: blackhole('db-1', { duration: '2s' }) }],
    });
    expect(result.ok).toBe(true);
  });
});
