import { FaultlineError } from '../errors.js';

/** A service was started under a name the run already uses. */
export class ServiceExistsError extends FaultlineError {
  constructor(readonly service: string, readonly runId: string, readonly status: string) {
    super(`service ${service} already exists in run ${runId} (${status})`, 'SERVICE_EXISTS', undefined,
      `remove it (ServiceHandle.remove) before starting a new ${service}`);
    this.name = 'ServiceExistsError';
  }
}

/** A volume was created under a name the run already uses. */
export class VolumeExistsError extends FaultlineError {
  constructor(readonly volume: string, readonly runId: string) {
    super(`volume ${volume} already exists in run ${runId}`, 'VOLUME_EXISTS', undefined,
      'destroy it first, or pick another name: a new volume must start empty');
    this.name = 'VolumeExistsError';
  }
}

/** A volume the run does not have was destroyed or mounted. */
export class UnknownVolumeError extends FaultlineError {
  constructor(readonly volume: string, readonly runId: string, doing: string) {
    super(`cannot ${doing}: run ${runId} has no volume ${volume}`, 'VOLUME_UNKNOWN', undefined,
      'create it with createVolume first (a mount never creates a volume, so nothing escapes clean-up)');
    this.name = 'UnknownVolumeError';
  }
}

/** A service that mounts a volume, and what state it is in (`running`, `exited`…). */
export interface VolumeHolder {
  readonly service: string;
  readonly status: string;
}

/** A volume could not be destroyed because services still mount it. */
export class VolumeInUseError extends FaultlineError {
  constructor(readonly volume: string, readonly holders: readonly VolumeHolder[]) {
    super(`cannot destroy volume ${volume}: in use by ${holders.map((h) => `${h.service} (${h.status})`).join(', ')}`, 'VOLUME_IN_USE', undefined,
      'remove those services first (ServiceHandle.remove): a stopped container still holds its volumes');
    this.name = 'VolumeInUseError';
  }
}

/** A volume name the runtimes cannot all take. */
export class InvalidVolumeNameError extends FaultlineError {
  constructor(readonly volume: string) {
    super(`'${volume}' is not a volume name: use letters, digits, '_', '.' and '-', starting with a letter or digit`, 'INVALID_VOLUME_NAME');
    this.name = 'InvalidVolumeNameError';
  }
}

/** A mount in a service spec that cannot be honoured as written. */
export class InvalidMountError extends FaultlineError {
  constructor(readonly service: string, detail: string) {
    super(`${service}: ${detail}`, 'INVALID_MOUNT');
    this.name = 'InvalidMountError';
  }
}
