import { FaultlineError } from '../errors.js';

/** A service was started under a name the run already uses. */
export class ServiceExistsError extends FaultlineError {
  constructor(readonly service: string, readonly runId: string, readonly status: string) {
    super(`service ${service} already exists in run ${runId} (${status})`, 'SERVICE_EXISTS', undefined,
      `remove it (ServiceHandle.remove) before starting a new ${service}`);
    this.name = 'ServiceExistsError';
  }
}
