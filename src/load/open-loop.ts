import { percentile } from '../metrics/percentile.js';
import { Outcome, RequestFlag } from '../metrics/request-samples.js';
import type { LoadPlan, WarmupPlan } from '../scenario/plan.js';
import { rampArrivalsMs } from './arrival-schedule.js';
import { RequestSender, type LoadPart, type LoadTarget, type LoopStall, type Workload } from './request-sender.js';
import { RequestStore } from './request-store.js';
import { describeWindow, windowsAgree, type WindowFigures } from './steadiness.js';

export type { LoadTarget, Workload } from './request-sender.js';

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

/** What the warm-up did; times are ms relative to the start of measured load (so negative). */
export interface WarmupReport {
  readonly steady: boolean;
  readonly rampMs: number;
  /** From the end of the ramp to the start of measured load (or to giving up). */
  readonly holdMs: number;
  /** Requests sent during warm-up. */
  readonly requests: number;
  readonly windows: readonly WindowFigures[];
  readonly detail: string;
  /** The warm-up's requests, with times relative to the start of measured load. */
  readonly store: RequestStore;
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

/**
 * The warm-up: a ramp, then a hold on the measured grid until two consecutive windows agree, at
 * most `maxHoldMs`. Its requests go to a store of their own, so no figure of measured load sees them.
 */
class WarmupRun {
  readonly store: RequestStore;
  private readonly part: LoadPart;
  private readonly ramp: Float64Array;
  private readonly intervalMs: number;
  private readonly holdSlots: number;
  private readonly windowSlots: number;
  private readonly windowCount: number;
  private readonly windows: WindowFigures[] = [];
  /** Completed requests per hold window. */
  private readonly windowDone: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ended = false;
  /** Hold requests sent before measured load takes over, once steady (or when giving up). */
  private endSlot: number | undefined;

  constructor(
    private readonly plan: WarmupPlan,
    private readonly options: OpenLoopOptions,
    private readonly sender: RequestSender,
    private readonly onSteady: (originMs: number) => void,
    private readonly onEnd: (report: WarmupReport) => void,
  ) {
    const rate = options.plan.rate;
    this.intervalMs = 1000 / rate;
    this.ramp = rampArrivalsMs(rate, plan.rampMs);
    this.holdSlots = Math.ceil(plan.maxHoldMs / this.intervalMs);
    this.windowSlots = Math.max(1, Math.round(plan.windowMs / this.intervalMs));
    this.windowCount = Math.floor(this.holdSlots / this.windowSlots);
    this.store = new RequestStore(this.ramp.length + this.holdSlots);
    this.part = { store: this.store, workload: options.warmupWorkload ?? options.workload, onComplete: (index) => this.completed(index) };
  }

  /**
   * Monotonic time measured load starts at (or would, if the hold ended after `endSlot` hold
   * requests): the next slot of the hold's grid.
   */
  expectedOriginMs(): number {
    return this.store.originMs + this.holdDueMs(this.endSlot ?? 0);
  }

  start(): void {
    this.store.originMs = this.options.now();
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Due time of hold request `slot` (from 0), relative to warm-up start. */
  private holdDueMs(slot: number): number {
    return this.plan.rampMs + (slot + 1) * this.intervalMs;
  }

  private dueMs(index: number): number {
    return index < this.ramp.length ? this.ramp[index]! : this.holdDueMs(index - this.ramp.length);
  }

  private pump(): void {
    if (this.stopped) return;
    const elapsed = this.options.now() - this.store.originMs;
    const last = this.ramp.length + this.holdSlots;
    let next = this.store.issued;
    while (next < last && this.dueMs(next) <= elapsed) {
      this.sender.issue(this.part, next, this.dueMs(next));
      next++;
    }
    // Past the last slot the hold waits for its last windows to be judged (see completed()).
    if (next < last) this.timer = setTimeout(() => this.pump(), Math.max(0, this.dueMs(next) - (this.options.now() - this.store.originMs)));
  }

  private completed(index: number): void {
    if (index < this.ramp.length || this.ended) return;
    const window = Math.floor((index - this.ramp.length) / this.windowSlots);
    if (window >= this.windowCount) return;
    this.windowDone[window] = (this.windowDone[window] ?? 0) + 1;
    // Windows are judged in order, each once all of its requests have ended.
    while (this.windows.length < this.windowCount && (this.windowDone[this.windows.length] ?? 0) === this.windowSlots) {
      const figures = this.figures(this.windows.length);
      this.windows.push(figures);
      const previous = this.windows[this.windows.length - 2];
      const steady = previous !== undefined && windowsAgree(previous, figures);
      this.options.onWarmupWindow?.(figures, steady);
      if (steady) {
        this.settle();
        return;
      }
    }
    if (this.windows.length === this.windowCount) this.giveUp();
  }

  private figures(window: number): WindowFigures {
    const first = this.ramp.length + window * this.windowSlots;
    const latencies = new Float64Array(this.windowSlots);
    let ok = 0;
    for (let i = 0; i < this.windowSlots; i++) {
      const row = first + i;
      if (this.store.outcome[row] === Outcome.ok) ok++;
      const sent = this.store.sentMs[row]!;
      latencies[i] = Number.isNaN(sent) ? this.options.plan.timeoutMs : this.store.endMs[row]! - sent;
    }
    const fromMs = this.dueMs(first);
    return { fromMs, toMs: fromMs + this.windowSlots * this.intervalMs, requests: this.windowSlots, ok, p99Ms: percentile(latencies, 0.99) };
  }

  /** Steady: measured load takes over at the next slot of the hold's grid. */
  private settle(): void {
    const elapsed = this.options.now() - this.store.originMs;
    const sent = this.store.issued - this.ramp.length;
    this.endSlot = Math.max(sent, Math.ceil((elapsed - this.plan.rampMs) / this.intervalMs - 1));
    this.end(true, `steady after ${this.windows.length} window(s) of the hold: ${this.windows.slice(-2).map(describeWindow).join(' → ')}`);
  }

  private giveUp(): void {
    this.endSlot = this.store.issued - this.ramp.length;
    const last = this.windows.slice(-2).map(describeWindow).join(' → ') || 'no window finished';
    this.end(false, `not steady within ${this.plan.maxHoldMs} ms of holding ${this.options.plan.rate} req/s after the ramp `
      + `(two consecutive ${this.plan.windowMs} ms windows must each have ≥ 99% ok and p99 within 1.5× + 5 ms of each other); last windows: ${last}`);
  }

  private end(steady: boolean, detail: string): void {
    this.ended = true;
    this.stop();
    const originMs = this.expectedOriginMs();
    if (steady) this.onSteady(originMs);
    const shift = originMs - this.store.originMs;
    this.onEnd({
      steady,
      rampMs: this.plan.rampMs,
      holdMs: this.holdDueMs(this.endSlot ?? 0) - this.plan.rampMs,
      requests: this.store.issued,
      windows: this.windows.map((w) => ({ ...w, fromMs: w.fromMs - shift, toMs: w.toMs - shift })),
      detail,
      store: this.store,
    });
  }
}
