import type Dockerode from 'dockerode';
import type { TeardownReport } from '../runtime.js';

/**
 * Force-removes every container (with its anonymous volumes), then every network and every named
 * volume carrying all the given labels. Paused containers are removed too. Containers go first
 * because Docker refuses to remove a network or volume a container (even a stopped one) still
 * uses. Errors on one resource do not stop the rest.
 */
export async function removeLabelled(docker: Dockerode, labels: Readonly<Record<string, string>>): Promise<TeardownReport> {
  const filters = { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) };
  const containers = await docker.listContainers({ all: true, filters });
  const errors: string[] = [];
  const removed = await Promise.all(containers.map(async (info) => {
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      return 1;
    } catch (error) {
      // Already gone (404) or already being removed (409) is what we wanted.
      const status = statusOf(error);
      if (status !== 404 && status !== 409) errors.push(`${info.Names[0] ?? info.Id}: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }));
  const networks = await docker.listNetworks({ filters });
  let networksRemoved = 0;
  for (const network of networks) {
    try {
      await docker.getNetwork(network.Id).remove();
      networksRemoved++;
    } catch {
      // a container still attached (e.g. one created after we listed) — the next cleanup gets it
    }
  }
  // Docker answers `"Volumes": null` when there are none.
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  let volumesRemoved = 0;
  for (const volume of volumes) {
    try {
      await docker.getVolume(volume.Name).remove();
      volumesRemoved++;
    } catch (error) {
      // 409: a container created after we listed mounts it — the next cleanup gets it.
      const status = statusOf(error);
      if (status !== 404 && status !== 409) errors.push(`volume ${volume.Name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (errors.length > 0) throw new Error(`could not remove ${errors.length} resource(s): ${errors.join('; ')}`);
  return { containersRemoved: removed.reduce((a: number, b) => a + b, 0), networksRemoved, volumesRemoved };
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}
