import type Dockerode from 'dockerode';
import type { TeardownReport } from '../runtime.js';

/**
 * Force-removes every container (with its anonymous volumes) and then every network carrying all
 * the given labels. Paused containers are removed too. Errors on one resource do not stop the rest.
 */
export async function removeLabelled(docker: Dockerode, labels: Readonly<Record<string, string>>): Promise<TeardownReport> {
  const filters = { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) };
  const containers = await docker.listContainers({ all: true, filters });
  const removed = await Promise.all(containers.map(async (info) => {
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      return 1;
    } catch (error) {
      return (error as { statusCode?: number }).statusCode === 404 ? 0 : 0;
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
  return { containersRemoved: removed.reduce((a: number, b) => a + b, 0), networksRemoved };
}
