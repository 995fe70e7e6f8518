/**
 * The fault catalogue: every kind of fault faultline can put on a timeline, one module each
 * under `kinds/`. Adding a fault kind = one new file there, and its lines here (the library
 * exports everything this file exports).
 */
import type { FaultKindModule } from './fault-kind.js';
import { backupLossFault, type BackupLossFaultInput, type BackupLossFaultPlan } from './kinds/backup-loss.js';
import { bandwidthFault, type BandwidthFaultInput } from './kinds/bandwidth.js';
import { corruptBackupFault, type CorruptBackupFaultInput, type CorruptBackupFaultPlan } from './kinds/corrupt-backup.js';
import { blackholeFault, type BlackholeFaultInput } from './kinds/blackhole.js';
import { diskFullFault, type DiskFullFaultInput, type DiskFullFaultPlan } from './kinds/disk-full.js';
import { diskLossFault, type DiskLossFaultInput, type DiskLossFaultPlan } from './kinds/disk-loss.js';
import { isolateFault, type IsolateFaultInput, type IsolateFaultPlan } from './kinds/isolate.js';
import { killFault, type KillFaultInput, type KillFaultPlan } from './kinds/kill.js';
import { latencyFault, type LatencyFaultInput } from './kinds/latency.js';
import { partitionFault, type PartitionFaultInput } from './kinds/partition.js';
import { pauseFault, type PauseFaultInput, type PauseFaultPlan } from './kinds/pause.js';
import { promoteFault, type PromoteFaultInput, type PromoteFaultPlan } from './kinds/promote.js';
import { rebuildFault, type RebuildFaultInput, type RebuildFaultPlan } from './kinds/rebuild.js';
import { resetFault, type ResetFaultInput } from './kinds/reset.js';
import { restoreFault, type RestoreFaultInput, type RestoreFaultPlan } from './kinds/restore.js';
import { restartFault, type RestartFaultInput, type RestartFaultPlan } from './kinds/restart.js';
import { slowCloseFault, type SlowCloseFaultInput } from './kinds/slow-close.js';
import { stopFault, type StopFaultInput, type StopFaultPlan } from './kinds/stop.js';
import { switchoverFault, type SwitchoverFaultInput, type SwitchoverFaultPlan } from './kinds/switchover.js';
import type { NetworkFaultPlan } from './network-fault.js';

export { backupLoss, type BackupLossFaultInput } from './kinds/backup-loss.js';
export { bandwidth, type BandwidthFaultInput } from './kinds/bandwidth.js';
export { corruptBackup, type CorruptBackupFaultInput } from './kinds/corrupt-backup.js';
export { blackhole, type BlackholeFaultInput } from './kinds/blackhole.js';
export { diskFull, type DiskFullFaultInput } from './kinds/disk-full.js';
export { diskLoss, type DiskLossFaultInput } from './kinds/disk-loss.js';
export { isolate, type IsolateFaultInput } from './kinds/isolate.js';
export { kill, type KillFaultInput } from './kinds/kill.js';
export { latency, type LatencyFaultInput } from './kinds/latency.js';
export { partition, type PartitionFaultInput } from './kinds/partition.js';
export { pause, type PauseFaultInput } from './kinds/pause.js';
export { promote, type PromoteFaultInput } from './kinds/promote.js';
export { rebuild, type RebuildFaultInput } from './kinds/rebuild.js';
export { reset, type ResetFaultInput } from './kinds/reset.js';
export { restore, type RestoreFaultInput } from './kinds/restore.js';
export { restart, type RestartFaultInput } from './kinds/restart.js';
export { slowClose, type SlowCloseFaultInput } from './kinds/slow-close.js';
export { stop, type StopFaultInput } from './kinds/stop.js';
export { switchover, type SwitchoverFaultInput } from './kinds/switchover.js';

/** A fault as a scenario file writes it. */
export type FaultInput =
  | KillFaultInput | PauseFaultInput | RestartFaultInput | StopFaultInput | IsolateFaultInput
  | LatencyFaultInput | BandwidthFaultInput | BlackholeFaultInput | ResetFaultInput | SlowCloseFaultInput | PartitionFaultInput
  | SwitchoverFaultInput | PromoteFaultInput
  | DiskLossFaultInput | DiskFullFaultInput | RestoreFaultInput | RebuildFaultInput | CorruptBackupFaultInput | BackupLossFaultInput;

export type FaultKind = FaultInput['kind'];

/** A resolved fault on the timeline, discriminated by `kind`. */
export type FaultPlan =
  | KillFaultPlan | PauseFaultPlan | RestartFaultPlan | StopFaultPlan | IsolateFaultPlan
  | NetworkFaultPlan<'latency' | 'bandwidth' | 'blackhole' | 'reset' | 'slow-close' | 'partition'>
  | SwitchoverFaultPlan | PromoteFaultPlan
  | DiskLossFaultPlan | DiskFullFaultPlan | RestoreFaultPlan | RebuildFaultPlan | CorruptBackupFaultPlan | BackupLossFaultPlan;

// Each module is typed by its own plan; the catalogue holds them side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const faultModules: readonly FaultKindModule<any>[] = [
  killFault, pauseFault, restartFault, stopFault, isolateFault,
  latencyFault, bandwidthFault, blackholeFault, resetFault, slowCloseFault, partitionFault,
  switchoverFault, promoteFault,
  diskLossFault, diskFullFault, restoreFault, rebuildFault, corruptBackupFault, backupLossFault,
];
