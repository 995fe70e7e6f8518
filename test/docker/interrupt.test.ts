import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerReady, leftovers, nothingLeft } from './_docker.js';
import { journal, spawnFaultline, waitForJournal } from './_spawn.js';

describe.skipIf(!dockerReady)('interrupting and killing the harness', () => {
  it('should, on Ctrl-C during a pause, leave nothing paused and nothing running, and exit 105', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-sigint-'));
    const file = join(dir, 'long-pause.scenario.ts');
    writeFileSync(file, `import { defineScenario, pause } from 'faultline';
export default defineScenario({
  name: 'long-pause',
  stack: { app: { replicas: 1 } },
  load: { rate: 50, duration: '60s' },
  timeline: [{ at: '2s', fault: pause('app-1', '50s') }],
  slo: { availability: '99%' },
});
`);
    const reports = join(dir, 'reports');
    const run = spawnFaultline(['run', file, '--reports', reports]);
    await waitForJournal(reports, 'fault-injected', 120_000);
    const runId = journal(reports)[0]!.runId as string;
    expect((await leftovers(runId)).paused.length).toBe(1);

    run.child.kill('SIGINT');
    expect(await run.exit).toBe(105);
    expect(await leftovers(runId)).toEqual(nothingLeft);
    const entries = journal(reports);
    const verdict = entries.find((e) => e.type === 'verdict');
    expect(verdict).toMatchObject({ verdict: 'interrupted', exitCode: 105 });
    expect(entries.some((e) => e.type === 'teardown')).toBe(true);
    expect(run.output()).toContain('INTERRUPTED');
  });

  it('should let `faultline cleanup` remove what a SIGKILLed harness left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-sigkill-'));
    const reports = join(dir, 'reports');
    const file = join(dir, 'victim.scenario.ts');
    writeFileSync(file, `import { defineScenario } from 'faultline';
export default defineScenario({ name: 'victim', stack: { app: { replicas: 1 } }, load: { rate: 10, duration: '60s' } });
`);
    const run = spawnFaultline(['run', file, '--reports', reports]);
    await waitForJournal(reports, 'load-start', 120_000);
    const runId = journal(reports)[0]!.runId as string;
    run.child.kill('SIGKILL');
    await run.exit;
    // The harness died without cleaning up: its containers are still there, and the journal
    // it wrote as it went is on disk.
    expect((await leftovers(runId)).containers.length).toBe(5);
    expect(journal(reports).map((e) => e.type)).toContain('load-start');

    const cleanup = spawnFaultline(['cleanup']);
    expect(await cleanup.exit).toBe(0);
    expect(cleanup.output()).toContain(runId);
    expect(await leftovers(runId)).toEqual(nothingLeft);
  });
});
