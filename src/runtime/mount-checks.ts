import type { ServiceSpec } from './runtime.js';
import { InvalidMountError, InvalidVolumeNameError } from './runtime-errors.js';

/** Docker's rule for volume names, kept for every runtime so a scenario works on each. */
const volumeName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Throws an InvalidVolumeNameError when `name` cannot be a volume name. */
export function checkVolumeName(name: string): void {
  if (!volumeName.test(name)) throw new InvalidVolumeNameError(name);
}

/**
 * Checks a spec's mounts before anything is created. A tmpfs size of 0 would mean "no limit" to
 * Docker (half the host's RAM), the opposite of what a size-limited mount is for.
 */
export function checkMounts(spec: ServiceSpec): void {
  const targets = new Set<string>();
  for (const [i, mount] of (spec.mounts ?? []).entries()) {
    const where = `mounts[${i}]`;
    if (!mount.target.startsWith('/')) throw new InvalidMountError(spec.name, `${where}.target must be an absolute path, got '${mount.target}'`);
    if (targets.has(mount.target)) throw new InvalidMountError(spec.name, `${where}.target ${mount.target} is mounted twice`);
    targets.add(mount.target);
    if (mount.kind === 'volume') {
      if (!volumeName.test(mount.source)) throw new InvalidMountError(spec.name, `${where}.source: ${new InvalidVolumeNameError(mount.source).message}`);
    } else {
      if (!Number.isSafeInteger(mount.sizeBytes) || mount.sizeBytes <= 0) throw new InvalidMountError(spec.name, `${where}.sizeBytes must be a positive whole number of bytes, got ${mount.sizeBytes}`);
      if (mount.mode !== undefined && (!Number.isInteger(mount.mode) || mount.mode < 0 || mount.mode > 0o7777)) {
        throw new InvalidMountError(spec.name, `${where}.mode must be permission bits from 0 to 0o7777, got ${mount.mode}`);
      }
    }
  }
}
