import { RequestFlag } from '../metrics/request-samples.js';
import type { LoadPlan } from '../scenario/plan.js';
import { RequestSender, type LoadPart, type LoadTarget, type LoopStall, type Workload } from './request-sender.js';
import { RequestStore } from './request-store.js';
import type { WindowFigures } from './steadiness.js';
import { WarmupRun, type WarmupReport } from './warmup-run.js';

export type { LoadTarget, Workload } from './request-sender.js';
export type { WarmupReport } from './warmup-run.js';

export interface OpenLoopOptions {
  readonly target: LoadTarget;
  readonly plan: LoadPlan;
  readonly workload: Workload;
  /** What warm-up sends; its write ids must differ from measured load's. @default `workload` */
  readonly warmupWorkload?: Workload;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  /** Called once per measured request when its outcome is known. */
  readonly onComplete?: (index: number) => void;
  /** Called for every finished window of the warm-up's hold (times relative to warm-up start). */
  readonly onWarmupWindow?: (window: WindowFigures, steady: boolean) => void;
}

/**
 * Open-loop load: request i of measured load is due at `i / rate` seconds after measured load
 * starts, whatever happened to the requests before it, so a stalled system cannot slow the
 * generator down and hide its own outage (coordinated omission). Every request's due, send and
 * end times and its outcome are recorded by faultline itself.
 *
 * With a warm-up, the arrival rate first ramps from 0 to the rate (k6's ramping-arrival-rate),
 * then holds until two consecutive windows show steady latency; measured load then follows on
 * the same schedule grid, with no gap. A warm-up that never settles ends the load: `warmedUp`
 * resolves with `steady: false` and measured load never starts.
 *
 * Measured load lasts `durationMs` from its start, and `done` resolves once that time has passed
 * and every request has an outcome.
 */
export class OpenLoopLoad {
  readonly store: RequestStore;
  readonly warmedUp: Promise<WarmupReport | undefined>;
  readonly done: Promise<void>;
  private readonly sender: RequestSender;
  private readonly total: number;
  private readonly intervalMs: number;
  private readonly measured: LoadPart;
  private timer: NodeJS.Timeout | undefined;
  private endTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private resolveWarmedUp!: (report: WarmupReport | undefined) => void;
  private resolveDone!: () => void;
  private warmup: WarmupRun | undefined;

  constructor(private readonly options: OpenLoopOptions) {
    const { plan } = options;
    this.total = Math.floor((plan.rate * plan.durationMs) / 1000);
    this.intervalMs = 1000 / plan.rate;
    this.store = new RequestStore(this.total);
    this.measured = { store: this.store, workload: options.workload, ...(options.onComplete ? { onComplete: options.onComplete } : {}) };
    this.sender = new RequestSender({ target: options.target, maxConnections: plan.maxConnections, timeoutMs: plan.timeoutMs, lateToleranceMs: plan.lateToleranceMs, now: options.now });
    this.warmedUp = new Promise((resolve) => { this.resolveWarmedUp = resolve; });
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
  }

  /** Requests planned for measured load. */
  get plannedRequests(): number {
    return this.total;
  }

  /** Monotonic time measured load started; `NaN` before. */
  get originMs(): number {
    return this.store.originMs;
  }

  /** Milliseconds since measured load started (negative during warm-up, `NaN` before the load starts). */
  elapsedMs(): number {
    if (!Number.isNaN(this.store.originMs)) return this.options.now() - this.store.originMs;
    return this.warmup ? this.options.now() - this.warmup.expectedOriginMs() : Number.NaN;
  }

  /** Event-loop stalls of the generator seen so far (monotonic ms). */
  get stalls(): readonly LoopStall[] {
    return this.sender.stalls;
  }

  /** The worst event-loop delay seen, ms. */
  get maxLoopDelayMs(): number {
    return this.sender.maxLoopDelayMs;
  }

  start(): void {
    const warmupPlan = this.options.plan.warmup;
    if (warmupPlan === undefined) {
      this.resolveWarmedUp(undefined);
      this.startMeasured(this.options.now());
      return;
    }
    this.warmup = new WarmupRun(warmupPlan, this.options, this.sender, (originMs) => this.startMeasured(originMs), (report) => {
      this.resolveWarmedUp(report);
      if (!report.steady) void this.finish();
    });
    this.warmup.start();
  }

  /**
   * Stops sending. With `abandon`, requests in flight are ended now (as on Ctrl-C); otherwise
   * they get until their timeout. Resolves when every issued request has an outcome.
   */
  async stop(abandon = false): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.warmup?.stop();
    if (abandon) this.sender.abandon();
    await this.finish();
  }

  private startMeasured(originMs: number): void {
    if (this.stopped) return;
    this.store.originMs = originMs;
    this.pump();
    this.finishAt(originMs + this.options.plan.durationMs);
  }

  /** Finishes once the monotonic clock reaches `endMs` (a timer may fire a little early). */
  private finishAt(endMs: number): void {
    const left = endMs - this.options.now();
    if (left <= 0) void this.finish();
    else this.endTimer = setTimeout(() => this.finishAt(endMs), Math.ceil(left));
  }

  private pump(): void {
    if (this.stopped) return;
    const elapsed = this.options.now() - this.store.originMs;
    let next = this.store.issued;
    while (next < this.total && next * this.intervalMs <= elapsed) {
      this.sender.issue(this.measured, next, next * this.intervalMs);
      next++;
    }
    if (next >= this.total) return;
    const wait = next * this.intervalMs - (this.options.now() - this.store.originMs);
    this.timer = setTimeout(() => this.pump(), Math.max(0, wait));
  }

  private finishing: Promise<void> | undefined;
  private finish(): Promise<void> {
    this.finishing ??= (async () => {
      this.stopped = true;
      clearTimeout(this.timer);
      clearTimeout(this.endTimer);
      this.warmup?.stop();
      await this.sender.idle();
      this.sender.close();
      flagStalled(this.store, this.sender.stalls);
      if (this.warmup) {
        flagStalled(this.warmup.store, this.sender.stalls);
        rebase(this.warmup.store, this.warmup.expectedOriginMs());
      }
      this.resolveDone();
    })();
    return this.finishing;
  }
}

/** Makes a store's times relative to `originMs` (warm-up times then count from measured load's start: negative). */
function rebase(store: RequestStore, originMs: number): void {
  const shift = store.originMs - originMs;
  if (shift === 0 || Number.isNaN(shift)) return;
  for (let i = 0; i < store.issued; i++) {
    store.scheduledMs[i]! += shift;
    store.sentMs[i]! += shift;
    store.endMs[i]! += shift;
  }
  store.originMs = originMs;
}

/** Marks the requests that were in flight while the event loop stalled. */
function flagStalled(store: RequestStore, stalls: readonly LoopStall[]): void {
  if (stalls.length === 0 || Number.isNaN(store.originMs)) return;
  for (let i = 0; i < store.issued; i++) {
    const from = store.originMs + store.scheduledMs[i]!;
    const to = store.originMs + store.endMs[i]!;
    if (stalls.some((stall) => stall.endMs >= from && stall.startMs <= to)) store.flags[i]! |= RequestFlag.stalled;
  }
}
