import type Dockerode from 'dockerode';
import type { Mount } from '../runtime.js';

/** The tmpfs mode when a mount gives none: what Docker and the kernel use, world-writable and sticky like /tmp. */
const defaultTmpfsMode = 0o1777;

/** A spec's mounts as Docker's `HostConfig.Mounts`, with each volume under its Docker name. */
export function dockerMounts(mounts: readonly Mount[], runtimeName: (volume: string) => string): Dockerode.MountSettings[] {
  return mounts.map((mount): Dockerode.MountSettings => mount.kind === 'volume'
    ? { Type: 'volume', Source: runtimeName(mount.source), Target: mount.target, ReadOnly: mount.readOnly ?? false }
    : { Type: 'tmpfs', Source: '', Target: mount.target, TmpfsOptions: { SizeBytes: mount.sizeBytes, Mode: mount.mode ?? defaultTmpfsMode } });
}
