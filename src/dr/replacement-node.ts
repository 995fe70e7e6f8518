import type { Mount, PreparedImages, RunEnvironment, ServiceHandle } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';
import type { NodeStorage, NodeVolumes } from '../stack/node-storage.js';
import { serviceSpec } from '../stack/service-specs.js';
import { storagePaths } from '../stack/stack-volumes.js';
import type { BackupStoreClient } from './backup-store-client.js';
import type { RecoveryPhase } from './drill-types.js';

/** What restoring or rebuilding a database node needs from the run. */
export interface RecoveryDeps {
  readonly env: RunEnvironment;
  readonly stack: StackPlan;
  readonly images: PreparedImages;
  readonly storage: NodeStorage;
  /** The backup store; absent without `stack.db.backup` (a rebuild does not need it). */
  readonly store: BackupStoreClient | undefined;
  /** The stack's services by name: the replacement node takes the lost one's place here. */
  readonly services: Map<string, ServiceHandle>;
  /** Milliseconds since the start of measured load. */
  readonly loadMs: () => number;
  readonly loadMsOfWall: (wallMs: number) => number;
  readonly onEvent: (type: string, data: Record<string, unknown>) => void;
}

/** Collects a recovery's phases and journals each one (`<event>`) with its start, end and span. */
export function phaseLog<Name extends string>(event: string, faultId: string, node: string, deps: RecoveryDeps) {
  const phases: RecoveryPhase<Name>[] = [];
  return {
    phases,
    phase(name: Name, startMs: number, endMs: number, detail: string): void {
      phases.push({ name, startMs, endMs, detail });
      deps.onEvent(event, { fault: faultId, node, phase: name, startMs: Math.round(startMs), endMs: Math.round(endMs), ms: Math.round(endMs - startMs), detail });
    },
  };
}

/**
 * Moves `node` to a new, empty pair of volumes and creates them. Returns them, and which of the
 * node's previous volumes still exist (a surviving binlog volume is a source to replay from).
 */
export async function freshVolumes(node: string, deps: RecoveryDeps): Promise<{ fresh: NodeVolumes; survivingData: string | undefined; survivingBinlog: string | undefined }> {
  const previous = deps.storage.volumesOf(node);
  const existing = new Set((await deps.env.volumes()).map((v) => v.name));
  const fresh = deps.storage.next(node);
  await deps.env.createVolume(fresh.data, { service: node });
  await deps.env.createVolume(fresh.binlog, { service: node });
  const surviving = (name: string): string | undefined => (existing.has(name) ? name : undefined);
  return { fresh, survivingData: surviving(previous.data), survivingBinlog: surviving(previous.binlog) };
}

/**
 * Starts `node` again as the stack would, on `volumes`, with `env` added: its entrypoint fills the
 * empty data directory (from the store, or from another node) before the server starts. Waits
 * until the server answers and puts the new handle in the run's services.
 */
export async function startReplacement(node: string, volumes: NodeVolumes, deps: RecoveryDeps, extra: { env: Record<string, string>; mounts?: readonly Mount[] }): Promise<ServiceHandle> {
  const plan = deps.stack.services.find((s) => s.name === node);
  if (!plan) throw new Error(`no database node ${node} in the stack`);
  const base = serviceSpec(plan, deps.stack, deps.images, deps.env);
  const service = await deps.env.start({
    ...base,
    env: { ...base.env, ...extra.env },
    mounts: [
      { kind: 'volume', source: volumes.data, target: storagePaths.data },
      { kind: 'volume', source: volumes.binlog, target: storagePaths.binlog },
      ...(extra.mounts ?? []),
    ],
    startupTimeoutMs: 300_000,
  });
  deps.services.set(node, service);
  return service;
}

/**
 * The JSON lines a node's entrypoint printed for the harness, by step:
 * `{"restore":"fetch","ms":…}` → `fetch` for key `restore`.
 */
export function entrypointSteps(logs: string, key: string): Map<string, Record<string, unknown>> {
  const steps = new Map<string, Record<string, unknown>>();
  const marker = `{"${key}"`;
  for (const line of logs.split('\n')) {
    const at = line.indexOf(marker);
    if (at < 0) continue;
    try {
      const entry = JSON.parse(line.slice(at)) as Record<string, unknown>;
      if (typeof entry[key] === 'string') steps.set(entry[key], entry);
    } catch {
      // not one of ours
    }
  }
  return steps;
}

/** A number from an entrypoint step, or `undefined`. */
export function stepNumber(steps: Map<string, Record<string, unknown>>, step: string, field: string): number | undefined {
  const value = steps.get(step)?.[field];
  return typeof value === 'number' ? value : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
