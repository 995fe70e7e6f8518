import type { FaultProxyClient } from '../proxy-client/fault-proxy-client.js';
import type { ControllerClient } from '../stack/controller-client.js';
import type { Disaster, HealReport, RebuildReport, RestoreReport } from '../dr/drill-types.js';
import type { RestoreOptions } from '../dr/restore-node.js';
import type { Endpoint, ServiceHandle, VolumeInfo } from '../runtime/runtime.js';
import type { FaultPlanBase } from '../scenario/plan.js';
import type { LinkProtocol } from './link-probe.js';

/** Whether a fault was seen to take effect, and what was seen. */
export interface FaultEffect {
  readonly verified: boolean;
  readonly detail: string;
}

/** What a fault needs from the run. */
export interface FaultContext {
  service(name: string): ServiceHandle;
  /** The fault proxy's API; absent when the stack runs without it. */
  readonly proxy?: FaultProxyClient;
  /** The failover controller's API; absent without database replication. */
  readonly controller?: ControllerClient;
  /** The proxy's loopback endpoint for a link, and what the service behind it speaks. */
  link?(name: string): Promise<{ endpoint: Endpoint; protocol: LinkProtocol }>;
  /** The run's volumes, and which of them hold a database node's data and binary logs. */
  readonly storage?: FaultStorage;
  /** Disaster-recovery drills: disasters recorded as they happen, restores and rebuilds. */
  readonly drills?: DrillContext;
}

/** What disaster faults and recovery steps share during a run. */
export interface DrillContext {
  /** Milliseconds since the start of measured load. */
  now(): number;
  /** Records a disaster that struck at `atMs` (load time). */
  recordDisaster(disaster: Disaster): Disaster;
  /** The latest disaster recorded on a node. */
  disasterOn(node: string): Disaster | undefined;
  /** Restores a lost node from the backup store (see dr/restore-node.ts). */
  restore(faultId: string, node: string, options: RestoreOptions): Promise<RestoreReport>;
  /** Rebuilds a node as a replica cloned from the current primary (see dr/rebuild-node.ts). */
  rebuild(faultId: string, node: string): Promise<RebuildReport>;
  /** Records that a disaster was undone (space freed on a full disk) at `healedAtMs`. */
  recordHeal(faultId: string, node: string, healedAtMs: number, problems?: readonly string[]): HealReport;
}

/** Storage a disk fault acts on. */
export interface FaultStorage {
  /** The names of the volumes holding `node`'s data directory and its binary logs. */
  volumesOf(node: string): { readonly data: string; readonly binlog: string };
  destroyVolume(name: string): Promise<void>;
  volumes(): Promise<readonly VolumeInfo[]>;
}

/**
 * A fault of the catalogue: inject it, check that it took effect, and revert it. `revert` is
 * idempotent and safe whether or not `inject` ran or succeeded, because it is registered before
 * `inject` is called and may run on Ctrl-C at any moment.
 */
export interface Fault {
  readonly plan: FaultPlanBase;
  /** Measures what `verify` compares against, before the fault's time is recorded. */
  prepare?(): Promise<void>;
  inject(): Promise<void>;
  verify(): Promise<FaultEffect>;
  revert(): Promise<void>;
}
