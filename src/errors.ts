/** Exit codes, as k6 uses them. */
export const ExitCode = {
  passed: 0,
  harnessError: 1,
  sloFailed: 99,
  invalidScenario: 104,
  interrupted: 105,
} as const;

/** An expected failure with a stable code, the exit code it maps to, and a hint for the user. */
export class FaultlineError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number = ExitCode.harnessError,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'FaultlineError';
  }
}

export class DockerUnavailableError extends FaultlineError {
  constructor(detail: string) {
    super(
      `no Docker engine is reachable (${detail})`,
      'DOCKER_UNAVAILABLE',
      ExitCode.harnessError,
      'start one (e.g. `sudo systemctl start docker` or `sudo dockerd &`), point DOCKER_HOST at one, or run `bash scripts/setup.sh` which installs and starts Debian\'s docker.io',
    );
  }
}
