import { describe, expect, it } from 'vitest';
import * as library from '../../../src/index.js';
import { faultKinds } from '../../../src/faults/registry.js';
import type { FaultInput } from '../../../src/faults/catalogue.js';

/** One example of every timeline step, written with the library's own helpers. */
const examples: readonly FaultInput[] = [
  library.kill('app-2', { restartAfter: '1s' }), library.pause('app-1', '1s'), library.restart('redis'), library.stop('redis', { duration: '1s' }),
  library.isolate('db-2', { duration: '1s' }), library.latency('redis', 50), library.bandwidth('app-1->db-1', 10),
  library.blackhole('redis'), library.reset('lb->app-1'), library.slowClose('redis', 100), library.partition(['app-1'], ['db-1']),
  library.switchover(), library.promote('db-2'), library.diskLoss('db-2', { binlog: true }), library.rebuild('db-2'), library.diskFull('db-1', '5s'),
];
/** Steps of a single-node restore drill. */
const drillSteps: readonly FaultInput[] = [library.corruptBackup(), library.backupLoss(), library.diskLoss('db-1'), library.restore('db-1', { to: { gtid: '0-1-10' } })];

describe('the fault catalogue', () => {
  it('should export a helper from the library for every fault kind it holds', () => {
    expect(new Set([...examples, ...drillSteps].map((fault) => fault.kind))).toEqual(new Set(faultKinds.keys()));
  });

  it('should resolve every kind through resolveScenario into a plan entry of that kind', () => {
    const result = library.resolveScenario({
      name: 'catalogue',
      stack: { db: { replication: 'async' } },
      load: { rate: 10, duration: '90s' },
      timeline: examples.map((fault, index) => library.at(`${index * 4}s`, fault)),
    });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    expect(result.plan.timeline.map((fault) => fault.kind)).toEqual(examples.map((fault) => fault.kind));
    expect(result.plan.timeline.find((fault) => fault.kind === 'switchover')?.label).toBe('switchover');
    expect(result.plan.timeline.find((fault) => fault.kind === 'promote')?.label).toBe('promote db-2');
    // A disk a fault will fill is size-limited from the start of the run.
    expect(result.plan.stack.db.limitedDisks).toEqual([{ node: 'db-1', disk: 'binlog', sizeBytes: 64 * 1024 * 1024 }]);
    const drill = library.resolveScenario({
      name: 'drill', stack: { db: { backup: {} } }, load: { rate: 10, duration: '60s' },
      timeline: drillSteps.map((fault, index) => library.at(`${index * 5 + 5}s`, fault)),
    });
    if (!drill.ok) throw new Error(drill.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    expect(drill.plan.timeline.map((fault) => fault.label)).toEqual(['corrupt faultline/items.ibd in the newest backup', 'lose the newest backup', 'disk loss on db-1 (data)', 'restore db-1 from the latest backup to GTID 0-1-10']);
  });

  it('should refuse a rebuild without replication, saying what it needs', () => {
    const result = library.resolveScenario({ name: 'x', load: { rate: 10, duration: '10s' }, timeline: [library.at('1s', library.rebuild('db-1'))] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n')).toContain("timeline[0].fault.kind: 'rebuild' clones a node from the primary, so it needs replication");
  });

  it('should name a fault field the kind does not have, with the fields it allows', () => {
    const result = library.resolveScenario({ name: 'x', load: { rate: 10, duration: '10s' }, timeline: [library.at('1s', { kind: 'pause', target: 'app-1', duration: '1s', signal: 'SIGKILL' } as never)] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.field}: ${p.message}`)).toContain('timeline[0].fault.signal: is not a known field; allowed: kind, target, duration');
  });
});
