import type { CleanupReport, ImageRole, PreparedImages, RunEnvironment, RunSummary, Runtime, TeardownReport } from '../runtime.js';
import { getDocker } from './docker-client.js';
import { DockerRun } from './docker-run.js';
import { ensureImages } from './images/ensure-images.js';
import { isOwnerGone, Label } from './labels.js';
import { removeLabelled } from './remove-labelled.js';

export interface DockerRuntimeOptions {
  /** Receives image build progress, line by line (a first build takes minutes). @default discarded */
  readonly onImageProgress?: (line: string) => void;
}

/** The Docker adapter of the runtime interface. */
export class DockerRuntime implements Runtime {
  readonly kind = 'docker';

  constructor(private readonly options: DockerRuntimeOptions = {}) {}

  async prepareImages(roles: readonly ImageRole[]): Promise<PreparedImages> {
    // ensureImages reads an empty list as "the base image only"; here it means nothing to do.
    if (roles.length === 0) return {};
    const { tags } = await ensureImages(await getDocker(), { roles, log: this.options.onImageProgress ?? (() => undefined) });
    return Object.fromEntries(roles.map((role) => [role, tags[role]]));
  }

  async createRun(runId: string): Promise<RunEnvironment> {
    return DockerRun.create(await getDocker(), runId);
  }

  async removeRun(runId: string): Promise<TeardownReport> {
    return removeLabelled(await getDocker(), { [Label.run]: runId });
  }

  async listRuns(): Promise<RunSummary[]> {
    const docker = await getDocker();
    const filters = { label: [Label.run] };
    const [containers, networks, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters }),
      docker.listNetworks({ filters }),
      docker.listVolumes({ filters }).then((list) => list.Volumes ?? []),
    ]);
    const runs = new Map<string, { containers: number; networks: number; volumes: number; stale: boolean }>();
    const note = (labels: Record<string, string> | undefined, kind: 'containers' | 'networks' | 'volumes'): void => {
      const runId = labels?.[Label.run];
      if (!runId) return;
      const entry = runs.get(runId) ?? { containers: 0, networks: 0, volumes: 0, stale: isOwnerGone(labels) };
      entry[kind]++;
      runs.set(runId, entry);
    };
    for (const container of containers) note(container.Labels, 'containers');
    for (const network of networks) note(network.Labels, 'networks');
    for (const volume of volumes) note(volume.Labels ?? undefined, 'volumes');
    return [...runs].map(([runId, entry]) => ({ runId, ...entry }));
  }

  async cleanup(options: { all: boolean; exceptRunId?: string }): Promise<CleanupReport> {
    const docker = await getDocker();
    const targets = (await this.listRuns())
      .filter((run) => run.runId !== options.exceptRunId && (options.all || run.stale))
      .map((run) => run.runId);
    let containersRemoved = 0;
    let networksRemoved = 0;
    let volumesRemoved = 0;
    for (const runId of targets) {
      const report = await removeLabelled(docker, { [Label.run]: runId });
      containersRemoved += report.containersRemoved;
      networksRemoved += report.networksRemoved;
      volumesRemoved += report.volumesRemoved;
    }
    return { runs: targets, containersRemoved, networksRemoved, volumesRemoved };
  }
}
