import type {
  Endpoint, ExecResult, NetworkAddress, RunEnvironment, ServiceHandle, ServiceSpec, ServiceState, TeardownReport, VolumeHandle, VolumeInfo, VolumeOptions,
} from '../../../src/runtime/runtime.js';
import { checkMounts, checkVolumeName } from '../../../src/runtime/mount-checks.js';
import { ServiceExistsError, UnknownVolumeError, VolumeExistsError, VolumeInUseError } from '../../../src/runtime/runtime-errors.js';
import type { FakeRuntime, FakeSystem } from './_fake-runtime.js';

/**
 * One run of the fake runtime: services are records played by the one FakeSystem, volumes live
 * in memory. It keeps the rules a real runtime enforces (a name is taken until removed, a volume
 * in use cannot be destroyed, a mount needs a volume of the run), so engine code that breaks
 * them fails here too.
 */
export class FakeRun implements RunEnvironment {
  private readonly started = new Map<string, FakeService>();
  private readonly volumeStore = new Map<string, VolumeHandle>();
  private tornDown = false;
  /** No DNS here: configs are written with fixed addresses. */
  readonly nameServer = undefined;

  constructor(readonly runId: string, private readonly runtime: FakeRuntime, private readonly system: FakeSystem) {}

  async start(spec: ServiceSpec): Promise<ServiceHandle> {
    if (this.tornDown) throw new Error(`run ${this.runId} is torn down; cannot start ${spec.name}`);
    // Checked before anything is started, as a real runtime must: the name is taken.
    const existing = this.started.get(spec.name);
    if (existing) throw new ServiceExistsError(spec.name, this.runId, (await existing.state()).status);
    checkMounts(spec);
    for (const mount of spec.mounts ?? []) {
      if (mount.kind === 'volume' && !this.volumeStore.has(mount.source)) throw new UnknownVolumeError(mount.source, this.runId, `mount volume ${mount.source} into ${spec.name}`);
    }
    await this.runtime.act(spec.name, 'start', () => undefined);
    const service = new FakeService(spec, this.runtime, this.system, (removed) => {
      if (this.started.get(removed.name) === removed) this.started.delete(removed.name);
    });
    if (spec.role === 'app' && !this.system.apps.includes(spec.name)) this.system.apps.push(spec.name);
    this.started.set(spec.name, service);
    return service;
  }

  /** Every service is the one local server; the name stays in the address so configs read true. */
  addressOf(service: string, port: number): NetworkAddress {
    return { host: service, port };
  }

  service(name: string): ServiceHandle | undefined {
    return this.started.get(name);
  }

  services(): readonly ServiceHandle[] {
    return [...this.started.values()];
  }

  async createVolume(name: string, options: VolumeOptions = {}): Promise<VolumeHandle> {
    if (this.tornDown) throw new Error(`run ${this.runId} is torn down; cannot create volume ${name}`);
    checkVolumeName(name);
    if (this.volumeStore.has(name)) throw new VolumeExistsError(name, this.runId);
    const volume: VolumeHandle = { name, runtimeName: `fake-${this.runId}-${name}`, service: options.service };
    this.volumeStore.set(name, volume);
    this.runtime.log.push(`create volume ${name}`);
    return volume;
  }

  async destroyVolume(name: string): Promise<void> {
    if (!this.volumeStore.has(name)) throw new UnknownVolumeError(name, this.runId, `destroy volume ${name}`);
    const holders = await Promise.all(this.holdersOf(name).map(async (service) => ({ service: service.name, status: (await service.state()).status })));
    if (holders.length > 0) throw new VolumeInUseError(name, holders);
    this.volumeStore.delete(name);
    this.runtime.log.push(`destroy volume ${name}`);
  }

  volumes(): Promise<readonly VolumeInfo[]> {
    return Promise.resolve([...this.volumeStore.values()]
      .map((volume) => ({ ...volume, usedBy: this.holdersOf(volume.name).map((service) => service.name) }))
      .sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** Services not removed (running or stopped) whose spec mounts the volume: they hold it, as containers do. */
  private holdersOf(volume: string): FakeService[] {
    return [...this.started.values()].filter((service) => service.spec.mounts?.some((mount) => mount.kind === 'volume' && mount.source === volume));
  }

  async teardown(): Promise<TeardownReport> {
    await this.runtime.act('run', 'teardown', () => undefined);
    this.runtime.tornDown = true;
    this.runtime.forget(this.runId);
    return this.removeAll();
  }

  /** Drops every service and volume, as removal by label does; counts what there was. */
  removeAll(): TeardownReport {
    const report = { containersRemoved: this.started.size, networksRemoved: this.tornDown ? 0 : 1, volumesRemoved: this.volumeStore.size };
    this.tornDown = true;
    for (const service of this.started.values()) service.vanish();
    this.started.clear();
    this.volumeStore.clear();
    return report;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.teardown();
  }
}

/** Each service started gets an id of its own, so a service started again is told apart from its predecessor. */
let nextServiceId = 1;

class FakeService implements ServiceHandle {
  readonly name: string;
  readonly role: string;
  readonly id: string;
  private status: ServiceState['status'] = 'running';

  constructor(readonly spec: ServiceSpec, private readonly runtime: FakeRuntime, private readonly system: FakeSystem, private readonly onRemoved: (service: FakeService) => void) {
    this.name = spec.name;
    this.role = spec.role;
    this.id = `fake-${spec.name}-${nextServiceId++}`;
  }

  remove(): Promise<void> {
    this.runtime.log.push(`remove ${this.name}`);
    this.vanish();
    this.onRemoved(this);
    return Promise.resolve();
  }

  /** Gone with the run's teardown, or removed: from now on only `state()` answers. */
  vanish(): void {
    this.status = 'missing';
  }

  /** A removed service answers nothing but `state()`, as a removed container does (404). */
  private live<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.status === 'missing') return Promise.reject(new Error(`${this.name} (${this.id}) was removed`));
    return Promise.resolve(work());
  }

  endpoint(): Promise<Endpoint> {
    return this.live(() => this.system.endpoint());
  }

  state(): Promise<ServiceState> {
    return Promise.resolve({ status: this.status, exitCode: this.status === 'exited' ? 137 : undefined, pid: this.status === 'running' ? 1 : 0, startedAt: undefined });
  }

  kill(): Promise<void> {
    return this.live(() => this.runtime.act(this.name, 'kill', () => { this.status = 'exited'; }));
  }

  pause(): Promise<void> {
    return this.live(() => { this.status = 'paused'; });
  }

  resume(): Promise<void> {
    return this.live(() => { this.status = 'running'; });
  }

  stop(): Promise<void> {
    return this.live(() => { this.status = 'exited'; });
  }

  start(): Promise<void> {
    return this.live(() => {
      this.runtime.log.push(`restart ${this.name}`);
      this.status = 'running';
    });
  }

  restart(): Promise<void> {
    return this.start();
  }

  isolate(): Promise<void> {
    return this.live(() => undefined);
  }

  rejoin(): Promise<void> {
    return this.live(() => undefined);
  }

  connected(): Promise<boolean> {
    return this.live(() => true);
  }

  exec(): Promise<ExecResult> {
    return this.live(() => this.runtime.act(this.name, 'exec', () => ({ exitCode: 0, stdout: '', stderr: '' })));
  }

  logs(): Promise<string> {
    return this.live(() => '');
  }

  waitReady(): Promise<void> {
    return this.live(() => undefined);
  }
}
