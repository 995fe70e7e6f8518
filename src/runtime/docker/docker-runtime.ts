import type { CleanupReport, RunEnvironment, RunSummary, Runtime, TeardownReport } from '../runtime.js';
import { getDocker } from './docker-client.js';
import { DockerRun } from './docker-run.js';
import { isOwnerGone, Label } from './labels.js';
import { removeLabelled } from './remove-labelled.js';

/** The Docker adapter of the runtime interface. */
export class DockerRuntime implements Runtime {
  readonly kind = 'docker';

  async createRun(runId: string): Promise<RunEnvironment> {
    return DockerRun.create(await getDocker(), runId);
  }

  async removeRun(runId: string): Promise<TeardownReport> {
    return removeLabelled(await getDocker(), { [Label.run]: runId });
  }

  async listRuns(): Promise<RunSummary[]> {
    const docker = await getDocker();
    const filters = { label: [Label.run] };
    const [containers, networks] = await Promise.all([
      docker.listContainers({ all: true, filters }),
      docker.listNetworks({ filters }),
    ]);
    const runs = new Map<string, { containers: number; networks: number; stale: boolean }>();
    const note = (labels: Record<string, string> | undefined, kind: 'containers' | 'networks'): void => {
      const runId = labels?.[Label.run];
      if (!runId) return;
      const entry = runs.get(runId) ?? { containers: 0, networks: 0, stale: isOwnerGone(labels) };
      entry[kind]++;
      runs.set(runId, entry);
    };
    for (const container of containers) note(container.Labels, 'containers');
    for (const network of networks) note(network.Labels, 'networks');
    return [...runs].map(([runId, entry]) => ({ runId, ...entry }));
  }

  async cleanup(options: { all: boolean; exceptRunId?: string }): Promise<CleanupReport> {
    const docker = await getDocker();
    const targets = (await this.listRuns())
      .filter((run) => run.runId !== options.exceptRunId && (options.all || run.stale))
      .map((run) => run.runId);
    let containersRemoved = 0;
    let networksRemoved = 0;
    for (const runId of targets) {
      const report = await removeLabelled(docker, { [Label.run]: runId });
      containersRemoved += report.containersRemoved;
      networksRemoved += report.networksRemoved;
    }
    return { runs: targets, containersRemoved, networksRemoved };
  }
}
