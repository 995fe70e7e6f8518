import { samplesFromRows } from '../../../src/metrics/request-samples.js';
import { analyseLoad } from '../../../src/run/analyse-load.js';
import type { FaultRecord } from '../../../src/run/fault-record.js';
import type { RunResult } from '../../../src/run/run-result.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import { decideVerdict, exitCodeFor } from '../../../src/slo/verdict.js';

/**
 * A run of 100 req/s for 10 s where every request due in [4000, 4500) failed after a fault at
 * 4000 ms: 50 failures of 1000 (95% availability, a 500 ms outage).
 */
export function syntheticResult(options: { verified?: boolean } = {}): RunResult {
  const resolved = resolveScenario({
    name: 'synthetic',
    load: { rate: 100, duration: '10s' },
    timeline: [{ at: '4s', fault: { kind: 'kill', target: 'app-1' } }],
    slo: { availability: '99%', longestOutage: '2s', thresholds: { http_req_failed: ['rate<0.01'], 'http_req_duration{phase:before}': ['p(95)<50'] } },
  });
  if (!resolved.ok) throw new Error('bad synthetic plan');
  const plan = resolved.plan;
  const rows = Array.from({ length: 1000 }, (_, i) => {
    const scheduledMs = i * 10;
    const failed = scheduledMs >= 4000 && scheduledMs < 4500;
    return { scheduledMs, endMs: scheduledMs + (failed ? 1 : 2), outcome: failed ? 'fail' as const : 'ok' as const, op: i % 5 === 0 ? 'write' as const : 'read' as const, status: failed ? 503 : 200 };
  });
  const faults: FaultRecord[] = [{
    id: 'fault-1', kind: 'kill', target: 'app-1', label: 'kill app-1 (SIGKILL)', plannedAtMs: 4000,
    injectStartMs: 4000, injectedMs: 4010, revertStartMs: undefined, revertedMs: undefined, verified: options.verified ?? true, detail: 'app-1 exited with code 137',
  }];
  const analysis = analyseLoad(plan, samplesFromRows(rows), faults, 10_000, 1000);
  const verdict = decideVerdict({ results: analysis.slos, doubts: faults.every((f) => f.verified) ? [] : ['fault-1 was not verified'], errored: false, interrupted: false });
  return {
    runId: '20261121-000000-abcd', plan, verdict, exitCode: exitCodeFor(verdict),
    startedAt: '2026-11-21T00:00:00.000Z', endedAt: '2026-11-21T00:00:30.000Z', durationMs: 30_000,
    reason: undefined, stackStartupMs: { lb: 900 }, faults, load: analysis.report,
    steadyStateBefore: { ok: true, detail: 'ok' }, steadyStateAfter: { ok: true, detail: 'ok' },
    slos: analysis.slos, database: undefined, teardownFailures: [], thresholdAbort: undefined, backups: undefined, drills: [], reportDir: '/tmp/x', statsFor: analysis.statsFor,
  };
}
