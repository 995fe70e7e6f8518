import { Agent, request, type ClientRequest } from 'node:http';
import type { LoadPlan } from '../scenario/plan.js';
import type { OpCode, OutcomeCode } from '../metrics/request-samples.js';
import { classifyError, classifyResponse } from './classify.js';
import type { HttpRequestSpec } from './http-workload.js';
import { RequestStore } from './request-store.js';

export interface LoadTarget {
  readonly host: string;
  readonly port: number;
}

export interface Workload {
  nextOp(): OpCode;
  request(index: number, op: OpCode): HttpRequestSpec;
}

export interface OpenLoopOptions {
  readonly target: LoadTarget;
  readonly plan: LoadPlan;
  readonly workload: Workload;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  /** Called once per request when its outcome is known. */
  readonly onComplete?: (index: number) => void;
}

/** How often in-flight requests are checked against their timeout. */
const timeoutSweepMs = 5;

/**
 * Open-loop load: request i is due at `i / rate` seconds after start, whatever happened to the
 * requests before it, so a stalled system cannot slow the generator down and hide its own
 * outage (coordinated omission). Every request's due, send and end times and its outcome are
 * recorded by faultline itself.
 */
export class OpenLoopLoad {
  readonly store: RequestStore;
  /** Monotonic time of load start; every recorded time is relative to it. */
  originMs = Number.NaN;
  private readonly agent: Agent;
  private readonly inflight: { index: number; req: ClientRequest; sent: boolean }[] = [];
  private inflightHead = 0;
  private next = 0;
  private scheduleTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private resolveDone: (() => void) | undefined;
  readonly done: Promise<void>;
  private readonly total: number;
  private readonly intervalMs: number;

  constructor(private readonly options: OpenLoopOptions) {
    this.total = Math.floor((options.plan.rate * options.plan.durationMs) / 1000);
    this.intervalMs = 1000 / options.plan.rate;
    this.store = new RequestStore(this.total);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.plan.maxConnections,
      maxFreeSockets: options.plan.maxConnections,
      // Close idle sockets well before the load balancer does, so a request is never written
      // into a connection the server is closing (which would count as a spurious failure).
      timeout: 4000,
    });
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
  }

  /** Requests planned for the whole run. */
  get plannedRequests(): number {
    return this.total;
  }

  start(): void {
    this.originMs = this.options.now();
    this.sweepTimer = setInterval(() => this.sweepTimeouts(), timeoutSweepMs);
    this.schedule();
  }

  /** Milliseconds since load start. */
  elapsedMs(): number {
    return this.options.now() - this.originMs;
  }

  /**
   * Stops sending. With `abandon`, requests in flight are ended now (as on Ctrl-C); otherwise
   * they get until their timeout. Resolves when every issued request has an outcome.
   */
  async stop(abandon = false): Promise<void> {
    this.stopped = true;
    clearTimeout(this.scheduleTimer);
    if (abandon) {
      for (let i = this.inflightHead; i < this.inflight.length; i++) {
        const entry = this.inflight[i]!;
        this.finish(entry.index, classifyError(this.store.op[entry.index] as OpCode, entry.sent), 0);
        entry.req.destroy();
      }
    }
    this.checkDone();
    await this.done;
  }

  private schedule(): void {
    const elapsed = this.elapsedMs();
    while (this.next < this.total && this.next * this.intervalMs <= elapsed) {
      this.issue(this.next++);
    }
    if (this.next >= this.total) {
      this.stopped = true;
      this.checkDone();
      return;
    }
    if (!this.stopped) {
      const wait = this.next * this.intervalMs - this.elapsedMs();
      this.scheduleTimer = setTimeout(() => this.schedule(), Math.max(0, wait));
    }
  }

  private issue(index: number): void {
    const store = this.store;
    const op = this.options.workload.nextOp();
    store.scheduledMs[index] = index * this.intervalMs;
    store.op[index] = op;
    store.issued = index + 1;
    const spec = this.options.workload.request(index, op);
    const entry = { index, req: undefined as unknown as ClientRequest, sent: false };
    const req = request({
      agent: this.agent,
      host: this.options.target.host,
      port: this.options.target.port,
      method: spec.method,
      path: spec.path,
      headers: spec.body === undefined
        ? { 'user-agent': 'faultline' }
        : { 'user-agent': 'faultline', 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) },
    });
    entry.req = req;
    req.on('socket', (socket) => {
      const markSent = (): void => {
        // A request that timed out while queued for a connection may still be handed a socket
        // by the agent afterwards; it was never sent.
        if (entry.sent || !Number.isNaN(store.endMs[index]!)) return;
        entry.sent = true;
        store.sentMs[index] = this.elapsedMs();
      };
      if (socket.connecting) socket.once('connect', markSent);
      else markSent();
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.on('data', () => undefined);
      res.on('end', () => this.finish(index, classifyResponse(op, status), status));
      res.on('error', () => this.finish(index, classifyError(op, true), status));
    });
    req.on('error', () => this.finish(index, classifyError(op, entry.sent), 0));
    req.end(spec.body);
    this.inflight.push(entry);
  }

  /** Ends requests older than the timeout. Deadlines are in schedule order, so only the head matters. */
  private sweepTimeouts(): void {
    const deadline = this.elapsedMs() - this.options.plan.timeoutMs;
    while (this.inflightHead < this.inflight.length) {
      const entry = this.inflight[this.inflightHead]!;
      if (!Number.isNaN(this.store.endMs[entry.index]!)) {
        this.inflightHead++;
        continue;
      }
      if (this.store.scheduledMs[entry.index]! > deadline) break;
      this.finish(entry.index, classifyError(this.store.op[entry.index] as OpCode, entry.sent), 0);
      entry.req.destroy();
      this.inflightHead++;
    }
    if (this.inflightHead > 4096 && this.inflightHead * 2 > this.inflight.length) {
      this.inflight.splice(0, this.inflightHead);
      this.inflightHead = 0;
    }
  }

  private finish(index: number, outcome: OutcomeCode, status: number): void {
    const store = this.store;
    if (!Number.isNaN(store.endMs[index]!)) return;
    store.endMs[index] = this.elapsedMs();
    store.outcome[index] = outcome;
    store.status[index] = status;
    store.completed++;
    this.options.onComplete?.(index);
    this.checkDone();
  }

  private checkDone(): void {
    if (!this.stopped || this.store.completed < this.store.issued) return;
    clearInterval(this.sweepTimer);
    this.agent.destroy();
    this.resolveDone?.();
  }
}
