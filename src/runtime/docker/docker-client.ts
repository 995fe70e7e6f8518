import type Dockerode from 'dockerode';
import { DockerUnavailableError } from '../../errors.js';

/**
 * testcontainers settings faultline needs on machines without a registry: Ryuk cannot be pulled
 * (faultline does its own label-based cleanup), and the host override keeps published ports on
 * loopback instead of probing a bridge gateway with a pulled alpine image.
 */
function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

let clientPromise: Promise<Dockerode> | undefined;

/** The Dockerode instance testcontainers found, or a {@link DockerUnavailableError}. */
export function getDocker(): Promise<Dockerode> {
  clientPromise ??= connect();
  return clientPromise;
}

async function connect(): Promise<Dockerode> {
  configureTestcontainers();
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    const docker = client.container.dockerode;
    checkDockerHostHonoured(docker);
    await docker.ping();
    return docker;
  } catch (error) {
    clientPromise = undefined;
    const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DockerUnavailableError(`tried ${where}: ${reason}`);
  }
}

/**
 * testcontainers falls back to /var/run/docker.sock when DOCKER_HOST does not answer; a user who
 * set DOCKER_HOST meant that engine, so using another one silently would be wrong.
 */
function checkDockerHostHonoured(docker: Dockerode): void {
  const wanted = process.env.DOCKER_HOST;
  if (!wanted) return;
  const modem = docker.modem as unknown as { socketPath?: string; host?: string; port?: number | string };
  const actual = modem.socketPath ? `unix://${modem.socketPath}` : `tcp://${modem.host}:${modem.port}`;
  const normalise = (url: string): string => url.replace(/^unix:\/\//, 'unix://').replace(/\/$/, '');
  if (normalise(actual) !== normalise(wanted)) {
    throw new Error(`DOCKER_HOST=${wanted} does not answer (testcontainers fell back to ${actual})`);
  }
}

/** True when a Docker engine answers. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    await getDocker();
    return true;
  } catch {
    return false;
  }
}
