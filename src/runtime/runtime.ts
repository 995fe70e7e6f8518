/**
 * The runtime interface: how faultline materialises services and acts on them. Docker is the
 * first adapter; nothing above this layer imports dockerode or testcontainers.
 */

/** How to tell that a service is ready. */
export type ReadinessProbe =
  | { readonly kind: 'http'; readonly port: number; readonly path: string }
  | { readonly kind: 'command'; readonly command: readonly string[] };

export interface FileToCopy {
  readonly path: string;
  readonly content: string;
  readonly mode?: number;
}

/** A named volume of the run, mounted into a service. */
export interface VolumeMount {
  readonly kind: 'volume';
  /** The volume's name, as given to {@link RunEnvironment.createVolume} in this run. */
  readonly source: string;
  /** Absolute path in the service, e.g. `/var/lib/mysql`. */
  readonly target: string;
  /** @default false */
  readonly readOnly?: boolean;
}

/**
 * A size-limited in-memory file system: writing past `sizeBytes` fails with ENOSPC, a full disk
 * that cannot fill the host's. It is RAM (it counts against the service's memory) and it is
 * emptied whenever the service stops, so on tmpfs a restart is also a disk loss.
 */
export interface TmpfsMount {
  readonly kind: 'tmpfs';
  /** Absolute path in the service. */
  readonly target: string;
  /** A positive whole number of bytes. */
  readonly sizeBytes: number;
  /** Permission bits of the mount's root directory. @default 0o1777 */
  readonly mode?: number;
}

export type Mount = VolumeMount | TmpfsMount;

/** Everything needed to start one service. */
export interface ServiceSpec {
  /** Service name, unique in the run; other services reach it at {@link RunNetwork.addressOf}. */
  readonly name: string;
  readonly role: string;
  readonly image: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly files?: readonly FileToCopy[];
  /** Container ports published on 127.0.0.1 (and only there). */
  readonly publish?: readonly number[];
  readonly readiness: ReadinessProbe;
  /** @default 60_000 */
  readonly startupTimeoutMs?: number;
  /** Storage mounted into the service, each at its own target. @default none */
  readonly mounts?: readonly Mount[];
}

/** A named volume of one run: storage that outlives the services mounting it (a database's disk). */
export interface VolumeHandle {
  /** The run's name for it, e.g. `db-1-data`; {@link VolumeMount.source} refers to it by this name. */
  readonly name: string;
  /** The runtime's own name for it (on Docker `faultline-<run id>-<name>`), to find it by hand. */
  readonly runtimeName: string;
  /** The service whose data it holds, if the creator said so. */
  readonly service: string | undefined;
}

export interface VolumeOptions {
  /** The service whose data it holds; recorded with the volume for listings. @default none */
  readonly service?: string;
}

/** A volume as the runtime reports it now. */
export interface VolumeInfo extends VolumeHandle {
  /** Services whose containers mount it, running or stopped: it cannot be destroyed while there are any. */
  readonly usedBy: readonly string[];
}

/** Where a service's port is reached from inside the run's network (by other services, not by the harness). */
export interface NetworkAddress {
  readonly host: string;
  readonly port: number;
}

/** How the services of one run reach each other. */
export interface RunNetwork {
  /**
   * The in-network address of `service`'s `port`. Known before the service starts, since a
   * service's configuration names services that start after it.
   */
  addressOf(service: string, port: number): NetworkAddress;
  /**
   * A DNS server on the run's network that answers for the addresses {@link addressOf} gives, for
   * services that re-resolve them (a restarted service can come back at a new IP); undefined when
   * the runtime has none.
   */
  readonly nameServer: NetworkAddress | undefined;
}

/** A published port, always on loopback: where the harness reaches a service. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export type ServiceStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | 'missing';

export interface ServiceState {
  readonly status: ServiceStatus;
  readonly exitCode: number | undefined;
  /** Host PID of the main process, 0 when not running. */
  readonly pid: number;
  readonly startedAt: string | undefined;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started service and the primitives faults are built from. */
export interface ServiceHandle {
  readonly name: string;
  readonly role: string;
  readonly id: string;
  /** The current loopback endpoint of a published port (it can change after a restart). */
  endpoint(port: number): Promise<Endpoint>;
  state(): Promise<ServiceState>;
  kill(signal: string): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(graceMs: number): Promise<void>;
  /** Starts a stopped or killed service and waits until it is ready again. */
  start(): Promise<void>;
  restart(graceMs: number): Promise<void>;
  /** Disconnects the service from the run's network: nothing reaches it, its published ports go dark. */
  isolate(): Promise<void>;
  /** Reconnects an isolated service under its name. */
  rejoin(): Promise<void>;
  /** Whether the service is attached to the run's network. */
  connected(): Promise<boolean>;
  exec(command: readonly string[]): Promise<ExecResult>;
  logs(tail?: number): Promise<string>;
  /** Resolves once the readiness probe passes; rejects after `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<void>;
  /**
   * Removes the service's container, killing it first if it runs. Named volumes it mounted stay
   * (destroy them with {@link RunEnvironment.destroyVolume}); the name becomes free, so a later
   * {@link RunEnvironment.start} of a spec with this name starts a fresh service (a database
   * node whose disk was lost, restored on a new volume). Afterwards {@link state} is `missing`
   * and the other operations fail. Idempotent.
   */
  remove(): Promise<void>;
}

/** One run's slice of the runtime: its network and its services. */
export interface RunEnvironment extends RunNetwork, AsyncDisposable {
  readonly runId: string;
  /**
   * Starts a service and waits until it is ready. Rejects with a ServiceExistsError (runtime-errors.ts) while
   * a service of that name is starting or exists (running or stopped): remove it first.
   */
  start(spec: ServiceSpec): Promise<ServiceHandle>;
  /** The service started under `name`, the newest one when it was removed and started again; undefined once removed. */
  service(name: string): ServiceHandle | undefined;
  /** The services of the run that have not been removed. */
  services(): readonly ServiceHandle[];
  /**
   * Creates an empty named volume, labelled with the run like everything else. Names are letters,
   * digits, `_`, `.` and `-`, starting with a letter or digit. Rejects with a VolumeExistsError
   * when the run already has a volume of that name: never hand back old data as a new volume.
   */
  createVolume(name: string, options?: VolumeOptions): Promise<VolumeHandle>;
  /**
   * Destroys a volume of this run and its data. Rejects with a VolumeInUseError naming the
   * services that still mount it (even stopped ones hold it: remove them first), and with an
   * UnknownVolumeError when the run has no such volume.
   */
  destroyVolume(name: string): Promise<void>;
  /** The run's volumes as the runtime has them now, with the services that mount each. */
  volumes(): Promise<readonly VolumeInfo[]>;
  /** Removes every container, network and volume of this run. Idempotent; safe after a partial start. */
  teardown(): Promise<TeardownReport>;
}

export interface TeardownReport {
  readonly containersRemoved: number;
  readonly networksRemoved: number;
  readonly volumesRemoved: number;
}

/** Roles faultline brings its own image for; how the runtime gets one (on Docker: a local build) is its business. */
export type ImageRole = 'app' | 'redis' | 'db' | 'lb' | 'proxy' | 'controller';

/** The image reference to start each prepared role with; only the roles asked for are present. */
export type PreparedImages = Readonly<Partial<Record<ImageRole, string>>>;

export interface Runtime {
  readonly kind: string;
  /**
   * Makes faultline's images for `roles` ready to start (building or pulling what is missing) and
   * returns the reference to use for each. Scenarios that bring their own image need no role.
   */
  prepareImages(roles: readonly ImageRole[]): Promise<PreparedImages>;
  /** Creates the run's network. Everything created in the run is labelled with the run id. */
  createRun(runId: string): Promise<RunEnvironment>;
  /** Removes leftovers of runs whose harness process is gone (or all faultline runs with `all`). */
  cleanup(options: { all: boolean; exceptRunId?: string }): Promise<CleanupReport>;
  /** Removes every container, network and volume of one run, found by its label (even one whose start never finished). */
  removeRun(runId: string): Promise<TeardownReport>;
  /** Lists runs that have resources in the runtime. */
  listRuns(): Promise<RunSummary[]>;
}

export interface RunSummary {
  readonly runId: string;
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
  /** True when the harness process that owns it is gone. */
  readonly stale: boolean;
}

export interface CleanupReport {
  readonly runs: readonly string[];
  readonly containersRemoved: number;
  readonly networksRemoved: number;
  readonly volumesRemoved: number;
}
