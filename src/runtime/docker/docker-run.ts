import type Dockerode from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkMounts } from '../mount-checks.js';
import { ServiceExistsError } from '../runtime-errors.js';
import type { NetworkAddress, RunEnvironment, ServiceHandle, ServiceSpec, TeardownReport, VolumeHandle, VolumeInfo, VolumeOptions } from '../runtime.js';
import { dockerMounts } from './docker-mounts.js';
import { DockerService } from './docker-service.js';
import { DockerVolumes } from './docker-volumes.js';
import { FaultlineContainer, ReadinessWait } from './faultline-container.js';
import { Label, ownerLabels } from './labels.js';
import { removeLabelled } from './remove-labelled.js';

const defaultStartupTimeoutMs = 60_000;
/** Docker's embedded DNS server, which every container on a user-defined network can ask. */
const embeddedDns: NetworkAddress = { host: '127.0.0.11', port: 53 };

/** One run on Docker: a labelled bridge network, the containers started on it and the run's named volumes. */
export class DockerRun implements RunEnvironment {
  /** The current service under each name; a removed one leaves, a restarted one replaces it. */
  private readonly started = new Map<string, DockerService>();
  /** Names being started right now: a second start under one of them is refused, not raced. */
  private readonly starting = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private tornDown: Promise<TeardownReport> | undefined;
  readonly nameServer = embeddedDns;
  private readonly volumeStore: DockerVolumes;

  constructor(private readonly docker: Dockerode, readonly runId: string, readonly networkName: string) {
    this.volumeStore = new DockerVolumes(docker, runId, networkName);
  }

  static async create(docker: Dockerode, runId: string): Promise<DockerRun> {
    const networkName = `faultline-${runId}`;
    await docker.createNetwork({ Name: networkName, Driver: 'bridge', CheckDuplicate: true, Labels: ownerLabels(runId) });
    return new DockerRun(docker, runId, networkName);
  }

  start(spec: ServiceSpec): Promise<ServiceHandle> {
    if (this.tornDown) return Promise.reject(new Error(`run ${this.runId} is torn down; cannot start ${spec.name}`));
    if (this.starting.has(spec.name)) return Promise.reject(new ServiceExistsError(spec.name, this.runId, 'starting'));
    this.starting.add(spec.name);
    return this.track(this.startContainer(spec).finally(() => this.starting.delete(spec.name)));
  }

  createVolume(name: string, options?: VolumeOptions): Promise<VolumeHandle> {
    if (this.tornDown) return Promise.reject(new Error(`run ${this.runId} is torn down; cannot create volume ${name}`));
    return this.track(this.volumeStore.create(name, options));
  }

  destroyVolume(name: string): Promise<void> {
    return this.volumeStore.destroy(name);
  }

  volumes(): Promise<readonly VolumeInfo[]> {
    return this.volumeStore.list();
  }

  /** Remembers work that creates resources, so teardown can wait for it and sweep again. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.catch(() => undefined).finally(() => this.pending.delete(work));
    return work;
  }

  private async startContainer(spec: ServiceSpec): Promise<ServiceHandle> {
    const existing = this.started.get(spec.name);
    if (existing) {
      // Removed behind our back (by hand, or a container that died and was reaped) frees the name too.
      const { status } = await existing.state();
      if (status !== 'missing') throw new ServiceExistsError(spec.name, this.runId, status);
      this.started.delete(spec.name);
    }
    checkMounts(spec);
    await this.volumeStore.requireMounted(spec.name, spec.mounts ?? []);
    const timeoutMs = spec.startupTimeoutMs ?? defaultStartupTimeoutMs;
    const container = new FaultlineContainer(spec.image, spec.name, this.networkName)
      .withName(`${this.networkName}-${spec.name}`)
      .withLabels({ ...ownerLabels(this.runId), [Label.service]: spec.name, [Label.role]: spec.role })
      .withEnvironment({ ...spec.env })
      .withExposedPorts(...(spec.publish ?? []))
      .withStartupTimeout(timeoutMs)
      .withWaitStrategy(new ReadinessWait(timeoutMs, (id, waitMs) => new DockerService(this.docker, id, spec, this.networkName).waitReady(waitMs)));
    if (spec.command) container.withCommand([...spec.command]);
    if (spec.mounts?.length) container.withMounts(dockerMounts(spec.mounts, (volume) => this.volumeStore.runtimeName(volume)));
    if (spec.files?.length) {
      container.withCopyContentToContainer(spec.files.map((file) => ({ content: file.content, target: file.path, mode: file.mode ?? 0o644 })));
    }
    try {
      const startedContainer = await container.start();
      const service = new DockerService(this.docker, startedContainer.getId(), spec, this.networkName, (removed) => {
        if (this.started.get(removed.name) === removed) this.started.delete(removed.name);
      });
      this.started.set(spec.name, service);
      return service;
    } catch (error) {
      throw new Error(`${spec.name} (${spec.image}) did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Every service joins the run's network with its name as an alias, so the name is its host name. */
  addressOf(service: string, port: number): NetworkAddress {
    return { host: service, port };
  }

  service(name: string): ServiceHandle | undefined {
    return this.started.get(name);
  }

  services(): readonly ServiceHandle[] {
    return [...this.started.values()];
  }

  teardown(): Promise<TeardownReport> {
    this.tornDown ??= this.removeEverything();
    return this.tornDown;
  }

  /**
   * Removes the run's resources twice: a start or volume creation still in flight (Ctrl-C during
   * start-up) may create its container or volume after the first pass; a start fails fast once
   * its siblings are gone.
   */
  private async removeEverything(): Promise<TeardownReport> {
    const labels = { [Label.run]: this.runId };
    let failure: unknown;
    const first = await removeLabelled(this.docker, labels).catch((error: unknown) => {
      failure = error;
      return { containersRemoved: 0, networksRemoved: 0, volumesRemoved: 0 };
    });
    if (this.pending.size === 0) {
      if (failure) throw failure;
      return first;
    }
    const giveUp = new AbortController();
    await Promise.race([Promise.allSettled([...this.pending]), sleep(15_000, undefined, { signal: giveUp.signal }).catch(() => undefined)]);
    giveUp.abort(); // no timer may keep the process alive after teardown
    const second = await removeLabelled(this.docker, labels);
    if (failure) throw failure;
    return {
      containersRemoved: first.containersRemoved + second.containersRemoved,
      networksRemoved: first.networksRemoved + second.networksRemoved,
      volumesRemoved: first.volumesRemoved + second.volumesRemoved,
    };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.teardown();
  }
}
