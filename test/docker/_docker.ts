import { dockerAvailable, getDocker } from '../../src/runtime/docker/docker-client.js';
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { imageRoles } from '../../src/runtime/docker/images/image-catalog.js';
import { Label } from '../../src/runtime/docker/labels.js';
import type { ImageRole, PreparedImages } from '../../src/runtime/runtime.js';

/**
 * Whether Docker-backed tests run here. Under CI (`CI=true`) a missing engine is a failure, not a
 * skip: these tests are the evidence that faults really happen.
 */
export async function requireDocker(): Promise<boolean> {
  const available = await dockerAvailable();
  if (!available && process.env.CI === 'true') {
    throw new Error('CI=true but no Docker engine is reachable: Docker-backed tests must run in CI (run scripts/setup.sh first)');
  }
  return available;
}

export const dockerReady = await requireDocker();

/** Image references for `roles` (default: all), building what is missing (the set-up script normally did that already). */
export function images(roles: readonly ImageRole[] = imageRoles): Promise<PreparedImages> {
  return new DockerRuntime().prepareImages(roles);
}

export interface Leftovers {
  readonly containers: string[];
  readonly networks: string[];
  /** Named volumes, by Docker name. */
  readonly volumes: string[];
  readonly paused: string[];
}

/** Containers, networks and volumes carrying a run's label (all faultline runs without an id), as Docker lists them. */
export async function leftovers(runId?: string): Promise<Leftovers> {
  const docker = await getDocker();
  const filters = { label: [runId === undefined ? Label.run : `${Label.run}=${runId}`] };
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  return {
    containers: containers.map((c) => c.Names[0] ?? c.Id),
    networks: networks.map((n) => n.Name),
    volumes: volumes.map((v) => v.Name).sort(),
    paused: containers.filter((c) => c.State === 'paused').map((c) => c.Names[0] ?? c.Id),
  };
}

/** What a run that cleaned up after itself leaves: nothing. */
export const nothingLeft: Leftovers = { containers: [], networks: [], volumes: [], paused: [] };
