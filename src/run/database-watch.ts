import type { WriterSample } from '../ledger/single-writer.js';
import type { ServiceHandle } from '../runtime/runtime.js';
import type { ControllerClient, ControllerEvent } from '../stack/controller-client.js';
import { gtidSequence, replicationState } from '../stack/db-admin.js';

/** Replication lag at one moment: how many transactions the replica had not yet applied. */
export interface LagSample {
  readonly atMs: number;
  readonly primary: string;
  readonly replica: string;
  readonly transactionsBehind: number;
}

export interface DatabaseWatchOptions {
  readonly nodes: readonly ServiceHandle[];
  readonly controller: ControllerClient | undefined;
  /** Milliseconds since load start (negative before it). */
  readonly elapsedMs: () => number;
  /** Wall-clock epoch ms of load start, to place controller events on the load's time axis. */
  readonly loadStartWallMs: () => number;
  readonly onControllerEvent: (event: ControllerEvent, loadMs: number) => void;
  /** Journals what the watch itself notices (e.g. a change of replication mode). */
  readonly onEvent?: (type: string, data: Record<string, unknown>) => void;
  /** @default 250 */
  readonly intervalMs?: number;
}

/**
 * Watches the database tier through the run: which nodes are writable (the single-writer
 * check; sampled every 250 ms, each node asked directly in its container so an isolated node is
 * still seen), replication lag, and the failover controller's steps for the journal.
 */
export class DatabaseWatch {
  readonly writers: WriterSample[] = [];
  readonly lag: LagSample[] = [];
  readonly controllerEvents: (ControllerEvent & { loadMs: number })[] = [];
  private stopped = false;
  private lastEvent = 0;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: DatabaseWatchOptions) {}

  start(): void {
    this.loops.push(this.loop(() => this.sampleNodes()));
    if (this.options.controller) this.loops.push(this.loop(() => this.pollController()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
    await this.pollController().catch(() => undefined);
  }

  /** The last lag reading taken at or before `atMs`. */
  lagAt(atMs: number): LagSample | undefined {
    let found: LagSample | undefined;
    for (const sample of this.lag) if (sample.atMs <= atMs) found = sample;
    return found;
  }

  private async loop(tick: () => Promise<void>): Promise<void> {
    const interval = this.options.intervalMs ?? 250;
    while (!this.stopped) {
      const began = performance.now();
      await tick().catch(() => undefined);
      const wait = interval - (performance.now() - began);
      if (wait > 0 && !this.stopped) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async sampleNodes(): Promise<void> {
    const atMs = this.options.elapsedMs();
    const states = await Promise.all(this.options.nodes.map(async (node) => {
      try {
        return { node: node.name, state: await replicationState(node) };
      } catch {
        return { node: node.name, state: undefined }; // killed, paused: cannot be asked, cannot write
      }
    }));
    const writable: Record<string, boolean> = {};
    for (const { node, state } of states) if (state) writable[node] = state.writable;
    this.writers.push({ atMs, writable });
    const primary = states.find((s) => s.state?.writable);
    if (!primary?.state) return;
    for (const replica of states) {
      if (replica === primary || !replica.state) continue;
      this.lag.push({
        atMs,
        primary: primary.node,
        replica: replica.node,
        transactionsBehind: Math.max(0, gtidSequence(primary.state.binlogPos) - gtidSequence(replica.state.slavePos)),
      });
    }
  }

  private async pollController(): Promise<void> {
    const controller = this.options.controller;
    if (!controller) return;
    for (const event of await controller.events(this.lastEvent)) {
      this.lastEvent = Math.max(this.lastEvent, event.seq);
      const loadMs = event.time - this.options.loadStartWallMs();
      this.controllerEvents.push({ ...event, loadMs });
      this.options.onControllerEvent(event, loadMs);
    }
  }
}
