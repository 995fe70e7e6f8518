import { Agent, request, type ClientRequest } from 'node:http';
import { RequestFlag, type OpCode, type OutcomeCode } from '../metrics/request-samples.js';
import { classifyError, classifyResponse } from './classify.js';
import type { HttpRequestSpec } from './http-workload.js';
import type { RequestStore } from './request-store.js';

export interface LoadTarget {
  readonly host: string;
  readonly port: number;
}

export interface Workload {
  nextOp(): OpCode;
  request(index: number, op: OpCode): HttpRequestSpec;
}

/** One part of the load (warm-up, measured): where its requests are recorded and what they are. */
export interface LoadPart {
  readonly store: RequestStore;
  readonly workload: Workload;
  /** Called once per request when its outcome is known. */
  readonly onComplete?: (index: number) => void;
}

/** A span in which the generator's own event loop did not run: timers and I/O were handled late. */
export interface LoopStall {
  /** Monotonic ms. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface SenderOptions {
  readonly target: LoadTarget;
  readonly maxConnections: number;
  readonly timeoutMs: number;
  /** Lateness beyond this is the generator's (flagged), not the system's. */
  readonly lateToleranceMs: number;
  /** Monotonic milliseconds. */
  readonly now: () => number;
}

interface InFlight {
  readonly part: LoadPart;
  readonly index: number;
  readonly deadlineMs: number;
  req: ClientRequest;
  sent: boolean;
  /** Monotonic time it was queued for a connection of the pool; `undefined` if it was not. */
  queuedAtMs: number | undefined;
}

/** How often in-flight requests are checked against their timeout (and the event loop's lag measured). */
const sweepEveryMs = 5;

/**
 * Sends requests over a keep-alive pool and records every one's send and end times, outcome and
 * status. Timeouts count from a request's due time (open loop), so a request that waited for
 * anything (a connection, the event loop) has less time, never more. The sender also watches
 * itself: a request issued late, one that had to wait for a connection of its own pool, and any
 * stall of its event loop are recorded, so lateness of the generator is never taken for an
 * outage of the system.
 */
export class RequestSender {
  readonly stalls: LoopStall[] = [];
  /** Largest gap between two sweeps beyond their interval: the worst event-loop delay seen, ms. */
  maxLoopDelayMs = 0;
  private readonly agent: Agent;
  private readonly poolName: string;
  private readonly inflight: InFlight[] = [];
  private head = 0;
  private pending = 0;
  private readonly sweepTimer: NodeJS.Timeout;
  private lastSweepMs: number;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SenderOptions) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxConnections,
      maxFreeSockets: options.maxConnections,
      // Close idle sockets well before the load balancer does, so a request is never written
      // into a connection the server is closing (which would count as a spurious failure).
      timeout: 4000,
    });
    this.poolName = this.agent.getName({ host: options.target.host, port: options.target.port });
    this.lastSweepMs = options.now();
    this.sweepTimer = setInterval(() => this.sweep(), sweepEveryMs);
  }

  /** Requests issued and not yet ended. */
  get inFlight(): number {
    return this.pending;
  }

  /**
   * Issues request `index` of `part`, due at `dueMs` (relative to the part's origin). Records its
   * op and due time; flags it when it is issued more than the tolerance after it was due.
   */
  issue(part: LoadPart, index: number, dueMs: number): void {
    const { store, workload } = part;
    const op = workload.nextOp();
    store.scheduledMs[index] = dueMs;
    store.op[index] = op;
    store.issued = Math.max(store.issued, index + 1);
    const now = this.options.now();
    if (now - store.originMs - dueMs > this.options.lateToleranceMs) store.flags[index]! |= RequestFlag.issuedLate;
    const deadlineMs = store.originMs + dueMs + this.options.timeoutMs;
    if (now >= deadlineMs) {
      // Its whole timeout went by before the generator got to it: dropped, never sent (as k6's
      // dropped_iterations), not a failure of the system, however small the timeout.
      store.flags[index]! |= RequestFlag.issuedLate;
      store.endMs[index] = now - store.originMs;
      store.outcome[index] = classifyError(op, false);
      store.completed++;
      part.onComplete?.(index);
      return;
    }

    const spec = workload.request(index, op);
    const entry: InFlight = { part, index, deadlineMs, req: undefined as unknown as ClientRequest, sent: false, queuedAtMs: undefined };
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
    // The agent queues a request when every connection of the pool is busy: the generator's limit.
    if (this.agent.requests[this.poolName]?.includes(req)) entry.queuedAtMs = now;
    req.on('socket', (socket) => {
      if (entry.queuedAtMs !== undefined && this.options.now() - entry.queuedAtMs > this.options.lateToleranceMs) {
        store.flags[index]! |= RequestFlag.poolWait;
      }
      const markSent = (): void => {
        // A request that timed out while queued for a connection may still be handed a socket
        // by the agent afterwards; it was never sent.
        if (entry.sent || !Number.isNaN(store.endMs[index]!)) return;
        entry.sent = true;
        store.sentMs[index] = this.options.now() - store.originMs;
      };
      if (socket.connecting) socket.once('connect', markSent);
      else markSent();
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.on('data', () => undefined);
      res.on('end', () => this.finish(entry, classifyResponse(op, status), status));
      res.on('error', () => this.finish(entry, classifyError(op, true), status));
    });
    req.on('error', () => this.finish(entry, classifyError(op, entry.sent), 0));
    req.end(spec.body);
    this.inflight.push(entry);
    this.pending++;
  }

  /** Ends every request in flight now, as failed or unknown (as on Ctrl-C). */
  abandon(): void {
    for (let i = this.head; i < this.inflight.length; i++) this.expire(this.inflight[i]!);
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the timers and closes every connection. */
  close(): void {
    clearInterval(this.sweepTimer);
    this.agent.destroy();
  }

  /** Ends requests past their deadline (deadlines are in issue order, so only the head matters) and measures the loop's lag. */
  private sweep(): void {
    const now = this.options.now();
    const delay = now - this.lastSweepMs - sweepEveryMs;
    if (delay > this.maxLoopDelayMs) this.maxLoopDelayMs = delay;
    if (delay > this.options.lateToleranceMs) this.stalls.push({ startMs: this.lastSweepMs, endMs: now });
    this.lastSweepMs = now;
    while (this.head < this.inflight.length) {
      const entry = this.inflight[this.head]!;
      if (!Number.isNaN(entry.part.store.endMs[entry.index]!)) {
        this.head++;
        continue;
      }
      if (entry.deadlineMs > now) break;
      this.expire(entry);
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.inflight.length) {
      this.inflight.splice(0, this.head);
      this.head = 0;
    }
  }

  private expire(entry: InFlight): void {
    const { part: { store }, index } = entry;
    if (!Number.isNaN(store.endMs[index]!)) return;
    if (!entry.sent && entry.queuedAtMs !== undefined && !entry.req.socket) store.flags[index]! |= RequestFlag.poolWait;
    this.finish(entry, classifyError(store.op[index] as OpCode, entry.sent), 0);
    entry.req.destroy();
  }

  private finish(entry: InFlight, outcome: OutcomeCode, status: number): void {
    const { part: { store }, index } = entry;
    if (!Number.isNaN(store.endMs[index]!)) return;
    store.endMs[index] = this.options.now() - store.originMs;
    store.outcome[index] = outcome;
    store.status[index] = status;
    if (!entry.sent && (store.flags[index]! & RequestFlag.poolWait) === 0) store.flags[index]! |= RequestFlag.refused;
    store.completed++;
    this.pending--;
    entry.part.onComplete?.(index);
    if (this.pending === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
