import type { NodeReading, WriterRound } from '../ledger/single-writer.js';
import type { ServiceHandle, ServiceState } from '../runtime/runtime.js';
import type { ControllerClient, ControllerEvent } from '../stack/controller-client.js';
import { gtidSequence, listening, replicationState, SqlError, type NodeReplicationState, type SemiSyncStatus } from '../stack/db-admin.js';

/** Replication lag at one moment: how many transactions the replica had not yet applied. */
export interface LagSample {
  /** When the replica's answer came back (ms since load start). */
  readonly atMs: number;
  readonly primary: string;
  readonly replica: string;
  readonly transactionsBehind: number;
}

/** `semi-sync`: commits wait for a replica's acknowledgement; `async`: they do not (never configured, or fallen back). */
export type ReplicationMode = 'semi-sync' | 'async';

/** The primary's replication mode at one moment, with the semi-sync counters behind it. */
export interface ReplicationModeSample {
  readonly atMs: number;
  readonly primary: string;
  readonly mode: ReplicationMode;
  /** Why the mode is what it is, in a sentence. */
  readonly why: string;
  /** Semi-sync configured on the primary (`rpl_semi_sync_master_enabled`). */
  readonly semiSyncEnabled: boolean;
  /** Semi-sync replicas connected. */
  readonly clients: number;
  /** Times the primary switched semi-sync off since it started. */
  readonly offTimes: number;
  /** Commits waiting for an acknowledgement at that moment. */
  readonly waitingSessions: number;
  readonly acknowledgedTx: number;
  readonly unacknowledgedTx: number;
}

/** A change of the primary's replication mode (or of the primary), as journaled. */
export interface ReplicationModeChange {
  readonly atMs: number;
  readonly primary: string;
  readonly mode: ReplicationMode;
  readonly previousPrimary: string | null;
  readonly previousMode: ReplicationMode | null;
  readonly why: string;
}

/** A replica's lag crossing one of {@link lagThresholds}, as journaled. */
export interface LagCrossing {
  readonly atMs: number;
  readonly primary: string;
  readonly replica: string;
  readonly transactionsBehind: number;
  /** The highest threshold the lag now reaches (0: below the lowest). */
  readonly atLeast: number;
  readonly previousAtLeast: number;
}

/**
 * Lag levels (transactions behind) whose crossing is journaled. Below 10 is the normal jitter of
 * asynchronous apply at the reference rates (a few transactions in flight); each further level is
 * ten times more. A level is left only when the lag falls below half of it, so a lag hovering at
 * a threshold does not journal every sample.
 */
export const lagThresholds = [10, 100, 1000] as const;

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
  /** A node whose reading has not come back after this long is `unknown` for the round. @default 1000 */
  readonly readingTimeoutMs?: number;
}

interface Observation {
  readonly reading: NodeReading;
  readonly state?: NodeReplicationState;
}

/**
 * Watches the database tier through the run: whether each node accepts writes (the single-writer
 * check; every 250 ms each node is asked directly in its container, so an isolated node is still
 * seen, and each answer is stamped with its own time), the primary's replication mode (semi-sync
 * or async), replication lag, and the failover controller's steps. Changes of a node's state, of
 * the replication mode and lag crossings are journaled as they are noticed.
 */
export class DatabaseWatch {
  readonly rounds: WriterRound[] = [];
  readonly lag: LagSample[] = [];
  readonly modes: ReplicationModeSample[] = [];
  readonly modeChanges: ReplicationModeChange[] = [];
  readonly lagCrossings: LagCrossing[] = [];
  readonly controllerEvents: (ControllerEvent & { loadMs: number })[] = [];
  private stopped = false;
  private lastEvent = 0;
  private readonly loops: Promise<void>[] = [];
  private readonly inFlight = new Set<string>();
  private readonly nodeStates = new Map<string, string>();
  private readonly lastReading = new Map<string, NodeReading>();
  private readonly lagLevels = new Map<string, number>();

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
    return lastAtOrBefore(this.lag, atMs);
  }

  /** The last replication-mode reading taken at or before `atMs`. */
  modeAt(atMs: number): ReplicationModeSample | undefined {
    return lastAtOrBefore(this.modes, atMs);
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
    const observed = await Promise.all(this.options.nodes.map(async (node) => ({ node: node.name, ...(await this.observe(node)) })));
    const readings: Record<string, NodeReading> = {};
    for (const { node, reading } of observed) {
      readings[node] = reading;
      this.lastReading.set(node, reading);
      this.noteNodeState(node, reading);
    }
    this.rounds.push({ readings });
    const writers = observed.filter((o) => o.reading.state === 'writable');
    const primary = writers.length === 1 ? writers[0] : undefined;
    if (!primary?.state) return;
    this.noteMode(primary.node, primary.reading.atMs, primary.state);
    for (const replica of observed) {
      if (replica === primary || !replica.state) continue;
      this.noteLag({
        atMs: replica.reading.atMs,
        primary: primary.node,
        replica: replica.node,
        transactionsBehind: Math.max(0, gtidSequence(primary.state.binlogPos) - gtidSequence(replica.state.slavePos)),
      });
    }
  }

  /**
   * One node's reading, bounded in time: a node that does not answer within the timeout is
   * `unknown` for this round, and is not asked again until its pending reading comes back (so a
   * hung node does not pile up `docker exec`s).
   */
  private async observe(node: ServiceHandle): Promise<Observation> {
    const timeoutMs = this.options.readingTimeoutMs ?? 1000;
    if (this.inFlight.has(node.name)) return { reading: { state: 'unknown', atMs: this.options.elapsedMs(), detail: 'its previous reading has not come back' } };
    this.inFlight.add(node.name);
    const work = this.read(node);
    const settled = (): void => { this.inFlight.delete(node.name); };
    work.then(settled, settled);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Observation>((resolve) => {
      timer = setTimeout(() => resolve({ reading: { state: 'unknown', atMs: this.options.elapsedMs(), detail: `no answer within ${timeoutMs} ms` } }), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(node: ServiceHandle): Promise<Observation> {
    // A node last seen down or frozen is asked the runtime first: while it stays so, that one cheap
    // call is the reading, and no `docker exec` fails slowly against a container being started.
    const last = this.lastReading.get(node.name);
    if (last?.state === 'down' || last?.state === 'frozen') {
      const runtime = await this.runtimeSays(node);
      if (runtime !== undefined && runtime !== 'listening') return { reading: runtime };
    }
    try {
      return this.answered(await replicationState(node));
    } catch (error) {
      const runtime = await this.runtimeSays(node);
      if (runtime !== 'listening') return { reading: runtime ?? this.unknown(error) };
      // It listens now: a server that came up since the query (or a passing error). Ask once more.
      try {
        return this.answered(await replicationState(node));
      } catch (again) {
        return { reading: this.unknown(again) };
      }
    }
  }

  private answered(state: NodeReplicationState): Observation {
    return { reading: { state: state.writable ? 'writable' : 'read-only', atMs: this.options.elapsedMs() }, state };
  }

  /**
   * After a failed query: a failed query is not "not writable". Only what the runtime says makes it
   * conclusive: a container that is not running is `down`, a paused one `frozen`; a running one with
   * nothing listening on 3306 is `down` too (booting — every node boots read-only — or shutting
   * down: no client can open a session). `listening`: running and listening, ask again; `undefined`:
   * the runtime could not say.
   */
  private async runtimeSays(node: ServiceHandle): Promise<NodeReading | 'listening' | undefined> {
    try {
      const state = await node.state();
      if (state.status === 'paused') return { state: 'frozen', atMs: this.options.elapsedMs(), detail: 'paused' };
      if (state.status !== 'running') return this.down(state);
      const listens = await listening(node).catch(() => undefined);
      if (listens === undefined) {
        // The runtime refused an exec into a container it calls running: one being killed or
        // removed (a disk loss does both) says so a moment later.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const again = await node.state();
        return again.status === 'running' ? undefined : this.down(again);
      }
      if (!listens) return { state: 'down', atMs: this.options.elapsedMs(), detail: 'running, nothing listening on 3306' };
      return 'listening';
    } catch {
      return undefined;
    }
  }

  private down(state: ServiceState): NodeReading {
    return { state: 'down', atMs: this.options.elapsedMs(), detail: state.exitCode === undefined ? state.status : `${state.status} (${state.exitCode})` };
  }

  private unknown(error: unknown): NodeReading {
    // The client's own words (`ERROR 2002 (HY000): Can't connect …`) rather than the statement.
    const why = (error instanceof SqlError ? error.reason : (error instanceof Error ? error.message : String(error)).split('\n')[0]!).slice(0, 200);
    return { state: 'unknown', atMs: this.options.elapsedMs(), detail: why };
  }

  private noteNodeState(node: string, reading: NodeReading): void {
    const key = `${reading.state}|${reading.state === 'unknown' ? '' : reading.detail ?? ''}`;
    if (this.nodeStates.get(node) === key) return;
    this.nodeStates.set(node, key);
    this.options.onEvent?.('db-node', { node, state: reading.state, ...(reading.detail ? { detail: reading.detail } : {}), loadMs: round(reading.atMs) });
  }

  private noteMode(primary: string, atMs: number, state: NodeReplicationState): void {
    const s = state.semiSync;
    const previous = this.modes.at(-1);
    const { mode, why } = replicationMode(s, previous?.primary === primary ? previous : undefined);
    const sample: ReplicationModeSample = {
      atMs,
      primary,
      mode,
      why,
      semiSyncEnabled: s.enabled,
      clients: s.clients,
      offTimes: s.offTimes,
      waitingSessions: s.waitingSessions,
      acknowledgedTx: s.acknowledgedTx,
      unacknowledgedTx: s.unacknowledgedTx,
    };
    this.modes.push(sample);
    if (previous && previous.primary === sample.primary && previous.mode === sample.mode) return;
    const change: ReplicationModeChange = { atMs, primary, mode, previousPrimary: previous?.primary ?? null, previousMode: previous?.mode ?? null, why };
    this.modeChanges.push(change);
    const { atMs: _at, ...journaled } = change;
    this.options.onEvent?.('replication-mode', {
      ...journaled,
      loadMs: round(atMs),
      semiSyncEnabled: s.enabled,
      semiSyncStatus: s.on ? 'ON' : 'OFF',
      clients: s.clients,
      offTimes: s.offTimes,
      waitingSessions: s.waitingSessions,
      acknowledgedTx: s.acknowledgedTx,
      unacknowledgedTx: s.unacknowledgedTx,
    });
  }

  private noteLag(sample: LagSample): void {
    this.lag.push(sample);
    const key = `${sample.primary}->${sample.replica}`;
    const previous = this.lagLevels.get(key) ?? 0;
    const level = lagLevel(sample.transactionsBehind, previous);
    if (level === previous) return;
    this.lagLevels.set(key, level);
    const crossing: LagCrossing = { ...sample, atLeast: level, previousAtLeast: previous };
    this.lagCrossings.push(crossing);
    const { atMs: _at, ...journaled } = crossing;
    this.options.onEvent?.('replica-lag', { ...journaled, loadMs: round(sample.atMs) });
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

/**
 * Whether the primary's commits wait for a replica (`semi-sync`) or not (`async`), from its
 * semi-sync status and, when `previous` is a sample of the same primary, from its counters:
 * `Rpl_semi_sync_master_status` alone is not enough (MariaDB keeps it ON while no semi-sync replica
 * is connected, when `rpl_semi_sync_master_wait_no_slave` is OFF as in fixtures/db, and commits
 * then do not wait); a commit counted as unacknowledged since the last sample is async too.
 */
export function replicationMode(s: SemiSyncStatus, previous: Pick<ReplicationModeSample, 'unacknowledgedTx'> | undefined): { mode: ReplicationMode; why: string } {
  if (!s.enabled) return { mode: 'async', why: 'semi-sync is not enabled on the primary' };
  if (!s.on) return { mode: 'async', why: 'Rpl_semi_sync_master_status is OFF: no acknowledgement came within rpl_semi_sync_master_timeout, so commits no longer wait for one' };
  if (s.clients === 0 && !s.waitNoSlave) {
    return { mode: 'async', why: 'no semi-sync replica is connected and rpl_semi_sync_master_wait_no_slave is OFF, so commits do not wait (Rpl_semi_sync_master_status still says ON)' };
  }
  const unacknowledged = previous === undefined ? 0 : s.unacknowledgedTx - previous.unacknowledgedTx;
  if (unacknowledged > 0) return { mode: 'async', why: `${unacknowledged} commit(s) went through without a replica's acknowledgement since the last sample` };
  return { mode: 'semi-sync', why: `${s.clients} semi-sync replica(s) connected; commits wait for an acknowledgement` };
}

/** The lag level after `transactionsBehind`, from `previous`: up at a threshold, down below half of it. */
export function lagLevel(transactionsBehind: number, previous: number): number {
  let level = 0;
  for (const threshold of lagThresholds) if (transactionsBehind >= threshold) level = threshold;
  if (level >= previous) return level;
  // Falling: stay at a level until the lag is below half of it.
  let kept = level;
  for (const threshold of lagThresholds) if (threshold <= previous && transactionsBehind >= threshold / 2) kept = Math.max(kept, threshold);
  return kept;
}

function lastAtOrBefore<T extends { readonly atMs: number }>(samples: readonly T[], atMs: number): T | undefined {
  let found: T | undefined;
  for (const sample of samples) if (sample.atMs <= atMs) found = sample;
  return found;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
