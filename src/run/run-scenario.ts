import { join } from 'node:path';
import { ReferenceWorkload } from '../load/http-workload.js';
import { OpenLoopLoad, type WarmupReport } from '../load/open-loop.js';
import { lagReasonText } from '../metrics/generator-lag.js';
import { requestStats } from '../metrics/request-stats.js';
import { timeBuckets } from '../metrics/time-buckets.js';
import type { Journal } from '../reporters/journal.js';
import { writeRequestsFile } from '../reporters/requests-file.js';
import type { Reporter } from '../reporters/reporter.js';
import type { RunEnvironment, Runtime, ServiceHandle } from '../runtime/runtime.js';
import type { RequestStats } from '../metrics/request-stats.js';
import type { ScenarioPlan, TagFilter } from '../scenario/plan.js';
import type { SloResult } from '../slo/slo-result.js';
import { imagesNeeded } from '../stack/images-needed.js';
import { startReferenceStack, type StartedStack } from '../stack/reference-stack.js';
import { NodeStorage } from '../stack/node-storage.js';
import { crossedAbortThreshold, thresholdCheckEveryMs, type RunSoFar, type ThresholdAbort } from '../slo/abort-on-fail.js';
import { evaluateDataSlos } from '../slo/slo-eval.js';
import { BackupWatch, type BackupSummary } from '../dr/backup-watch.js';
import { drillFigures, type DrillFigures } from '../dr/drill-figures.js';
import { DrillLog } from '../dr/drill-log.js';
import { recoveryOf } from '../faults/registry.js';
import { analyseLoad } from './analyse-load.js';
import { checkDatabase, type DatabaseReport } from './database-checks.js';
import { DatabaseWatch } from './database-watch.js';
import type { Clock } from './clock.js';
import type { FaultRecord } from './fault-record.js';
import { LoadMonitor } from './load-monitor.js';
import { runTimeline } from './run-timeline.js';
import type { LoadReport, SteadyStateReport, WarmupSummary } from './run-result.js';
import { sampleTopology } from './topology-sampler.js';
import { checkSteadyState } from './steady-state.js';
import type { Teardowns } from './teardowns.js';

/** What one run needs from outside; passed in so tests can substitute any of it. */
export interface RunContext {
  readonly runId: string;
  readonly plan: ScenarioPlan;
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly reporter: Required<Reporter>;
  readonly teardowns: Teardowns;
  /** Aborted on Ctrl-C, SIGTERM or the deadline; the reason says which. */
  readonly signal: AbortSignal;
  readonly reportDir: string;
}

/** What a run produced before its verdict: filled in step by step, so an abort keeps what was done. */
export interface RunOutcome {
  stackStartupMs: Record<string, number>;
  steadyStateBefore?: SteadyStateReport;
  steadyStateAfter?: SteadyStateReport;
  faults: FaultRecord[];
  load?: LoadReport;
  statsFor?: (filter: TagFilter) => RequestStats;
  database?: DatabaseReport;
  slos: SloResult[];
  /** Set when the harness (not the system under test) failed. */
  error?: string;
  /** Where the per-request data was written. */
  requestsFile?: string;
  /** A threshold with `abortOnFail` that was crossed and stopped the load early. */
  thresholdAbort?: ThresholdAbort;
  /** What the backup service did, with `stack.db.backup`. */
  backups?: BackupSummary;
  /** Disasters, restores and rebuilds of the run's drills. */
  drills?: DrillLog;
  /** RTO and RPO of each restore. */
  drillFigures?: DrillFigures[];
}

const steadyStateBeforeTimeoutMs = 30_000;
const steadyStateAfterTimeoutMs = 60_000;

/**
 * Runs one scenario: stack up → steady state → open-loop load with the timeline of faults →
 * faults reverted → steady state after → analysis. Every step is journaled as it happens; every
 * clean-up is registered before the step it undoes. Throws on harness errors and aborts; what was
 * measured up to then stays in `outcome`.
 */
export async function runScenario(context: RunContext, outcome: RunOutcome): Promise<void> {
  const { plan, journal, reporter, teardowns, runtime, runId, signal } = context;
  const event = (type: string, data: Record<string, unknown> = {}): void => {
    journal.write(type, data);
    reporter.onEvent(type, data);
  };

  const stale = await abortable(runtime.cleanup({ all: false, exceptRunId: runId }), signal);
  if (stale.runs.length > 0) event('stale-runs-removed', { ...stale });
  const images = await abortable(runtime.prepareImages(imagesNeeded(plan.stack)), signal);
  event('images-ready', { images });

  // Registered before the run's resources exist, so even a half-created run is removed by label.
  const created: { environment?: RunEnvironment } = {};
  teardowns.register('remove containers and network', async () => {
    const report = created.environment ? await created.environment.teardown() : await runtime.removeRun(runId);
    journal.write('teardown', { ...report });
  });
  const environment = await abortable(runtime.createRun(runId), signal);
  created.environment = environment;
  event('stack-starting', { services: plan.stack.services.map((s) => s.name) });
  const stack = await abortable(startReferenceStack(plan.stack, images, environment, (service, ms) => {
    outcome.stackStartupMs[service] = ms;
    event('service-ready', { service, ms });
  }), signal);
  event('stack-ready', { entry: `${stack.entry.host}:${stack.entry.port}`, startupMs: stack.startupMs });

  const probeTag = `probe-${runId}`;
  outcome.steadyStateBefore = await checkSteadyState(stack, `${probeTag}-before`, { timeoutMs: steadyStateBeforeTimeoutMs, signal });
  event('steady-state-before', { ...outcome.steadyStateBefore });
  throwIfAborted(signal);
  if (!outcome.steadyStateBefore.ok) {
    outcome.error = `steady state before the load did not hold, so the run is void: ${outcome.steadyStateBefore.detail}`;
    return;
  }

  const load = new OpenLoopLoad({
    target: stack.entry,
    plan: plan.load,
    workload: new ReferenceWorkload(runId, plan.load.readRatio),
    // Warm-up writes carry ids of their own, outside the ledger's `<run id>-N` range.
    warmupWorkload: new ReferenceWorkload(`${runId}w`, plan.load.readRatio, 2),
    now: context.clock.now,
    onComplete: (index) => monitor.completed(index),
    onWarmupWindow: (window, steady) => event('warmup-window', { ...window, steady }),
  });
  const monitor = new LoadMonitor(load, plan.load.timeoutMs, plan.load.durationMs,
    (bucket) => journal.write('load-bucket', { ...bucket }),
    (progress) => reporter.onProgress(progress));
  teardowns.register('stop load', () => load.stop(true));

  // Measured-load time, also during warm-up (negative: the start of measured load it expects).
  const loadMsNow = (): number => {
    const t = load.elapsedMs();
    return Number.isNaN(t) ? 0 : t;
  };
  const sampler = sampleTopology(stack, (server, from, to) => event('lb-server', { server, from, to, loadMs: round(loadMsNow()) }));
  teardowns.register('stop topology sampler', () => Promise.resolve(sampler.stop()));
  const databaseWatch = stack.plan.db.nodes.length > 1 ? new DatabaseWatch({
    nodes: stack.plan.db.nodes.map((name) => serviceOf(stack, name)),
    controller: stack.controller,
    elapsedMs: loadMsNow,
    loadStartWallMs: () => context.clock.wallMs() - loadMsNow(),
    // The controller's own `type` and `time` become `step` and `controllerTime`: the journal's
    // `type` and `time` are the journal's.
    onControllerEvent: ({ type: step, time: controllerTime, ...details }, loadMs) => event('controller', { step, controllerTime, ...details, loadMs: round(loadMs) }),
    onEvent: (type, data) => event(type, data),
  }) : undefined;
  databaseWatch?.start();
  teardowns.register('stop database watch', () => databaseWatch?.stop() ?? Promise.resolve());
  // Containers stamp events with the host's wall clock; this puts them on the load's time axis.
  const loadMsOfWall = (wallMs: number): number => wallMs - (context.clock.wallMs() - loadMsNow());
  const backupWatch = stack.backupStore ? new BackupWatch({
    store: stack.backupStore,
    loadMsOf: loadMsOfWall,
    wallMs: context.clock.wallMs,
    onEvent: (type, data) => event(type, data),
  }) : undefined;
  backupWatch?.start();
  const nodeStorage = new NodeStorage();
  const drills = new DrillLog({
    env: environment, stack: plan.stack, images, storage: nodeStorage, store: stack.backupStore, services: stack.services,
    loadMs: loadMsNow, loadMsOfWall, onEvent: (type, data) => event(type, data),
  });
  outcome.drills = drills;
  teardowns.register('stop backup watch', async () => { await backupWatch?.stop(); });

  if (plan.load.warmup) event('warmup-start', { rate: plan.load.rate, rampMs: plan.load.warmup.rampMs, windowMs: plan.load.warmup.windowMs, maxHoldMs: plan.load.warmup.maxHoldMs });
  load.start();
  const warmup = await Promise.race([load.warmedUp, aborted(signal).then(() => undefined)]);
  if (warmup) event('warmup-end', { steady: warmup.steady, rampMs: warmup.rampMs, holdMs: round(warmup.holdMs), requests: warmup.requests, detail: warmup.detail });
  if (warmup && !warmup.steady) {
    await load.stop(signal.aborted);
    outcome.error = `the stack did not settle during warm-up, so the run is void: ${warmup.detail}`;
    return;
  }
  throwIfAborted(signal);
  monitor.start();
  event('load-start', { rate: plan.load.rate, durationMs: plan.load.durationMs, plannedRequests: load.plannedRequests });
  // The timeline runs until the measured load's planned end and never past it: a fault still
  // waiting then is not injected (and the verdict says so); one still lasting is reverted below.
  const timelineEnd = new AbortController();
  const endTimer = setTimeout(() => timelineEnd.abort('load-end'), Math.max(0, plan.load.durationMs - load.elapsedMs()));
  const injectedSoFar: { id: string; atMs: number; durationMs: number | undefined }[] = [];
  const thresholdStop = new AbortController();
  const abortWatch = watchAbortThresholds(plan, load, injectedSoFar, (crossed) => {
    outcome.thresholdAbort = crossed;
    event('threshold-abort', { ...crossed, loadMs: round(crossed.atMs) });
    thresholdStop.abort('threshold');
  });
  const timeline = runTimeline(plan.timeline, {
    context: {
      service: (name) => serviceOf(stack, name),
      ...(stack.proxy ? { proxy: stack.proxy } : {}),
      ...(stack.controller ? { controller: stack.controller } : {}),
      link: (name) => stack.link(name),
      storage: {
        volumesOf: (node) => nodeStorage.volumesOf(node),
        destroyVolume: (name) => environment.destroyVolume(name),
        volumes: () => environment.volumes(),
      },
      drills,
    },
    teardowns,
    elapsedMs: () => load.elapsedMs(),
    signal: AbortSignal.any([signal, timelineEnd.signal, thresholdStop.signal]),
    interrupt: signal,
    onEvent: (type, data) => {
      if (type === 'fault-inject') {
        const planned = plan.timeline.find((f) => f.id === data.fault);
        injectedSoFar.push({ id: String(data.fault), atMs: Number(data.atMs), durationMs: planned?.durationMs });
      }
      event(type, { ...data, loadMs: round(load.elapsedMs()) });
    },
  });
  timeline.catch(() => undefined); // awaited below; this only keeps an early rejection from being "unhandled"

  await Promise.race([load.done, aborted(signal), aborted(thresholdStop.signal)]);
  const loadDurationMs = Math.min(load.elapsedMs(), plan.load.durationMs);
  clearTimeout(endTimer);
  clearInterval(abortWatch);
  timelineEnd.abort('load-end');
  await load.stop(signal.aborted);
  monitor.finish();
  outcome.faults = await timeline;
  event('load-end', { durationMs: round(loadDurationMs), issued: load.store.issued, completed: load.store.completed, maxLoopDelayMs: round(load.maxLoopDelayMs) });
  const warmupSummary = warmup ? summariseWarmup(warmup, journal) : undefined;

  outcome.requestsFile = join(context.reportDir, 'requests.bin');
  await writeRequestsFile(outcome.requestsFile, load.store.samples()).catch((error: unknown) => {
    event('requests-file-failed', { error: error instanceof Error ? error.message : String(error) });
  });

  await teardowns.runPrefixed('revert ');
  event('faults-reverted', { failures: teardowns.failures.filter((f) => f.name.startsWith('revert ')) });

  const analysis = analyseLoad(plan, load.store.samples(), outcome.faults, loadDurationMs, load.plannedRequests, warmupSummary);
  outcome.load = analysis.report;
  outcome.statsFor = analysis.statsFor;
  outcome.slos = analysis.slos;
  for (const window of analysis.report.generatorLag.windows) {
    event('generator-behind', { ...window, why: lagReasonText[window.reason] });
  }
  if (signal.aborted) return;

  // Not an objective (a scenario that ends broken by design): looked at briefly, for the journal.
  const afterTimeoutMs = plan.slo.steadyStateAfter ? steadyStateAfterTimeoutMs : 5_000;
  outcome.steadyStateAfter = await checkSteadyState(stack, `${probeTag}-after`, { timeoutMs: afterTimeoutMs, signal });
  event('steady-state-after', { ...outcome.steadyStateAfter });
  if (plan.slo.steadyStateAfter) outcome.slos.push({
    id: 'steady-state-after',
    name: 'steady state holds after faults are reverted',
    kind: 'steady-state',
    status: outcome.steadyStateAfter.ok ? 'pass' : 'fail',
    actual: null,
    limit: 0,
    unit: '',
    detail: outcome.steadyStateAfter.detail,
  });

  if (backupWatch) outcome.backups = await abortable(backupWatch.stop(), signal);
  outcome.database = await abortable(checkDatabase(stack, runId, load.store.samples(), outcome.faults, databaseWatch, event), signal);
  await abortable(databaseWatch?.stop() ?? Promise.resolve(), signal);
  outcome.drillFigures = drillFigures({ recoveries: drills.recoveries, samples: load.store.samples(), runTag: runId, ledger: outcome.database.ledger, writeOutages: outcome.load.writeOutages });
  for (const figures of outcome.drillFigures) event('drill', { fault: figures.faultId, kind: figures.kind, node: figures.node, recoveredInMs: figures.recoveredInMs, rtoMs: figures.rtoMs, rpoMs: figures.rpoMs, rpoCount: figures.rpoCount, backupAgeMs: figures.backupAgeMs, breakdown: figures.breakdown });
  outcome.slos.push(...evaluateDataSlos(plan.slo, {
    writeOutages: outcome.load.writeOutages, writesIssued: outcome.load.writes, ...outcome.database,
    drills: outcome.drillFigures, recoveriesPlanned: plan.timeline.flatMap((f) => {
      const kind = recoveryOf(f);
      return kind ? [{ id: f.id, label: f.label, kind }] : [];
    }),
  }));
}

/** The warm-up's figures, and its per-second buckets in the journal as phase `warmup`. */
function summariseWarmup(warmup: WarmupReport, journal: Journal): WarmupSummary {
  const samples = warmup.store.samples();
  const stats = requestStats(samples, { runDurationMs: warmup.rampMs + warmup.holdMs });
  for (const bucket of timeBuckets(samples, { intervalMs: 1000, startMs: samples.scheduledMs[0] ?? 0 })) journal.write('load-bucket', { ...bucket, phase: 'warmup' });
  return { steady: warmup.steady, rampMs: warmup.rampMs, holdMs: warmup.holdMs, windows: warmup.windows, detail: warmup.detail, counts: stats.counts, latency: stats.http_req_duration.summary() };
}

/** Checks thresholds with `abortOnFail` every 2 s while measured load runs (none: no timer at all). */
function watchAbortThresholds(
  plan: ScenarioPlan,
  load: OpenLoopLoad,
  faults: RunSoFar['faults'],
  onCrossed: (crossed: ThresholdAbort) => void,
): NodeJS.Timeout | undefined {
  if (!plan.slo.thresholds.some((t) => t.abortOnFail)) return undefined;
  const timer = setInterval(() => {
    const elapsedMs = load.elapsedMs();
    // Measured load is over: what is left is its drain, and the final evaluation judges it.
    if (elapsedMs >= plan.load.durationMs) {
      clearInterval(timer);
      return;
    }
    const crossed = crossedAbortThreshold(plan, { samples: load.store.samples(), faults, elapsedMs });
    if (!crossed) return;
    clearInterval(timer);
    onCrossed(crossed);
  }, thresholdCheckEveryMs);
  return timer;
}

function serviceOf(stack: StartedStack, name: string): ServiceHandle {
  const service = stack.services.get(name);
  if (!service) throw new Error(`no service named ${name} in the stack`);
  return service;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError(String(signal.reason));
}

export class AbortedError extends Error {}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Rejects as soon as the run is aborted; the abandoned work is cleaned up by teardown. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortedError(String(signal.reason)));
  return new Promise<T>((resolve, reject) => {
    // The listener goes once the work settles: a run makes many such calls on one signal.
    const onAbort = (): void => reject(new AbortedError(String(signal.reason)));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
