import { percentile } from '../metrics/percentile.js';
import { Outcome } from '../metrics/request-samples.js';
import type { WarmupPlan } from '../scenario/plan.js';
import { rampArrivalsMs } from './arrival-schedule.js';
import type { OpenLoopOptions } from './open-loop.js';
import type { LoadPart, RequestSender } from './request-sender.js';
import { RequestStore } from './request-store.js';
import { describeWindow, windowsAgree, type WindowFigures } from './steadiness.js';

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
  /** The warm-up's requests; once the load is done, with times relative to the start of measured load. */
  readonly store: RequestStore;
}

/**
 * The warm-up: a ramp, then a hold on the measured grid until two consecutive windows agree, at
 * most `maxHoldMs`. Its requests go to a store of their own, so no figure of measured load sees them.
 */
export class WarmupRun {
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
