import type Dockerode from 'dockerode';
import { checkVolumeName } from '../mount-checks.js';
import type { Mount, VolumeHandle, VolumeInfo, VolumeOptions } from '../runtime.js';
import { UnknownVolumeError, VolumeExistsError, VolumeInUseError, type VolumeHolder } from '../runtime-errors.js';
import { Label, ownerLabels } from './labels.js';

/**
 * One run's named volumes on Docker: `faultline-<run id>-<name>`, labelled with the run. Docker
 * would create a missing volume on the fly when a container mounts it, and reuse an existing one
 * on create without a word; both are checked here, so no unlabelled volume escapes clean-up and
 * no "new" volume comes with old data.
 */
export class DockerVolumes {
  constructor(private readonly docker: Dockerode, private readonly runId: string, private readonly prefix: string) {}

  runtimeName(name: string): string {
    return `${this.prefix}-${name}`;
  }

  async create(name: string, options: VolumeOptions = {}): Promise<VolumeHandle> {
    checkVolumeName(name);
    const runtimeName = this.runtimeName(name);
    if (await this.inspect(runtimeName)) throw new VolumeExistsError(name, this.runId);
    const service = options.service;
    await this.docker.createVolume({
      Name: runtimeName,
      Driver: 'local',
      Labels: { ...ownerLabels(this.runId), [Label.volume]: name, ...(service === undefined ? {} : { [Label.service]: service }) },
    });
    return { name, runtimeName, service };
  }

  async destroy(name: string): Promise<void> {
    const runtimeName = this.runtimeName(name);
    const info = await this.inspect(runtimeName);
    // Destructive actions touch only what this run created.
    if (info?.Labels?.[Label.run] !== this.runId) throw new UnknownVolumeError(name, this.runId, `destroy volume ${name}`);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.docker.getVolume(runtimeName).remove();
        break;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404) return; // removed meanwhile: what was asked
        if (status !== 409) throw error;
        const holders = await this.holders(runtimeName);
        // Holders gone between Docker's answer and our look: try once more.
        if (holders.length > 0 || attempt > 0) throw new VolumeInUseError(name, holders);
      }
    }
    // Old engines could report success without removing (moby#31446): a drill that believes a
    // disk is gone when it is not proves nothing.
    if (await this.inspect(runtimeName)) throw new Error(`Docker reported volume ${runtimeName} removed, but it is still there`);
  }

  async list(): Promise<VolumeInfo[]> {
    const volumes = (await this.docker.listVolumes({ filters: { label: [`${Label.run}=${this.runId}`] } })).Volumes ?? [];
    const infos = await Promise.all(volumes.map(async (volume): Promise<VolumeInfo> => ({
      name: volume.Labels?.[Label.volume] ?? volume.Name,
      runtimeName: volume.Name,
      service: volume.Labels?.[Label.service],
      usedBy: (await this.holders(volume.Name)).map((holder) => holder.service),
    })));
    return infos.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Throws unless every volume `mounts` names was created in this run. */
  async requireMounted(service: string, mounts: readonly Mount[]): Promise<void> {
    for (const mount of mounts) {
      if (mount.kind !== 'volume') continue;
      const info = await this.inspect(this.runtimeName(mount.source));
      if (info?.Labels?.[Label.run] !== this.runId) throw new UnknownVolumeError(mount.source, this.runId, `mount volume ${mount.source} into ${service}`);
    }
  }

  /** Containers that reference a volume, running or not; Docker refuses to remove it while any do. */
  private async holders(runtimeName: string): Promise<VolumeHolder[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { volume: [runtimeName] } });
    return containers.map((container) => ({
      service: container.Labels?.[Label.service] ?? container.Names[0]?.replace(/^\//, '') ?? container.Id,
      status: container.State,
    }));
  }

  private async inspect(runtimeName: string): Promise<Dockerode.VolumeInspectInfo | undefined> {
    try {
      return await this.docker.getVolume(runtimeName).inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }
}
