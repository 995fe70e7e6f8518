import type Dockerode from 'dockerode';
import { runProbe } from '../probe.js';
import type { Endpoint, ExecResult, ServiceHandle, ServiceSpec, ServiceState, ServiceStatus } from '../runtime.js';
import { withTimeout } from '../../with-timeout.js';
import { GiveUp, waitUntil } from '../wait-until.js';
import { demuxLogs, dockerExec } from './docker-exec.js';

const defaultStartupTimeoutMs = 60_000;
/** Bound on one Docker API call that should answer at once (inspect, kill, pause, network). */
const apiCallTimeoutMs = 15_000;
/** How long a pause waits for our execs in the container to finish. */
const execDrainMs = 5_000;
/** Extra time a stop or restart may take beyond its grace period. */
const stopSlackMs = 15_000;

/** A running container of the stack, driven through the Docker API. */
export class DockerService implements ServiceHandle {
  readonly name: string;
  readonly role: string;
  private readonly ports = new Map<number, Endpoint>();
  /** Execs of ours still running in the container, and whether a pause of ours is pending or in force. */
  private readonly execs = new Set<Promise<ExecResult>>();
  private pausing = false;

  /** `onRemoved` tells the run that the name is free again. */
  constructor(
    private readonly docker: Dockerode,
    readonly id: string,
    private readonly spec: ServiceSpec,
    private readonly networkName: string,
    private readonly onRemoved: (service: DockerService) => void = () => undefined,
  ) {
    this.name = spec.name;
    this.role = spec.role;
  }

  private get container(): Dockerode.Container {
    return this.docker.getContainer(this.id);
  }

  async endpoint(port: number): Promise<Endpoint> {
    const known = this.ports.get(port);
    if (known) return known;
    const info = await this.call('inspect', this.container.inspect());
    const binding = info.NetworkSettings.Ports?.[`${port}/tcp`]?.[0];
    if (!binding?.HostPort) throw new Error(`${this.name}: port ${port} is not published (is the container running?)`);
    const endpoint = { host: '127.0.0.1', port: Number(binding.HostPort) };
    this.ports.set(port, endpoint);
    return endpoint;
  }

  async state(): Promise<ServiceState> {
    try {
      const info = await this.call('inspect', this.container.inspect());
      return {
        status: info.State.Status as ServiceStatus,
        exitCode: info.State.Running ? undefined : info.State.ExitCode,
        pid: info.State.Pid,
        startedAt: info.State.StartedAt,
      };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return { status: 'missing', exitCode: undefined, pid: 0, startedAt: undefined };
      throw error;
    }
  }

  async kill(signal: string): Promise<void> {
    await this.call(`kill ${signal}`, this.container.kill({ signal }));
  }

  /**
   * Freezes the container once no exec of ours is in flight in it. Docker 20.10 can deadlock
   * when a container is frozen in the middle of an exec: that exec never returns and the unpause
   * then waits forever for it (seen in CI: `docker unpause` hung, the freezer cgroup stuck FROZEN).
   * So no new exec starts while a pause is pending or in force, and the pause waits (bounded) for
   * the ones already running.
   */
  async pause(): Promise<void> {
    this.pausing = true;
    await withTimeout(Promise.allSettled([...this.execs]), execDrainMs, 'in-flight execs').catch(() => undefined);
    try {
      await this.call('pause', this.container.pause());
    } catch (error) {
      this.pausing = false;
      throw error;
    }
  }

  async resume(): Promise<void> {
    await this.call('unpause', this.container.unpause());
    this.pausing = false;
  }

  async stop(graceMs: number): Promise<void> {
    this.ports.clear();
    await this.call('stop', ignoreNotModified(this.container.stop({ t: Math.ceil(graceMs / 1000) })), graceMs + stopSlackMs);
  }

  async start(): Promise<void> {
    this.ports.clear();
    this.pausing = false; // a container killed or stopped while paused comes back thawed
    await this.call('start', ignoreNotModified(this.container.start()));
    await this.waitReady(this.spec.startupTimeoutMs ?? defaultStartupTimeoutMs);
  }

  async restart(graceMs: number): Promise<void> {
    this.ports.clear();
    this.pausing = false;
    await this.call('restart', this.container.restart({ t: Math.ceil(graceMs / 1000) }), graceMs + stopSlackMs);
    await this.waitReady(this.spec.startupTimeoutMs ?? defaultStartupTimeoutMs);
  }

  async isolate(): Promise<void> {
    this.ports.clear();
    await this.call('network disconnect', this.docker.getNetwork(this.networkName).disconnect({ Container: this.id, Force: true }));
  }

  async rejoin(): Promise<void> {
    if (await this.connected()) return;
    await this.call('network connect', this.docker.getNetwork(this.networkName).connect({ Container: this.id, EndpointConfig: { Aliases: [this.name] } }));
    this.ports.clear();
  }

  async connected(): Promise<boolean> {
    const info = await this.call('inspect', this.container.inspect());
    return info.NetworkSettings.Networks?.[this.networkName] !== undefined;
  }

  exec(command: readonly string[]): Promise<ExecResult> {
    if (this.pausing) return Promise.reject(new Error(`${this.name} is paused: no exec until it is resumed`));
    // dockerExec bounds the command's run; this bounds creating and attaching the exec too.
    const running = this.call(`exec ${command[0] ?? ''}`, dockerExec(this.docker, this.id, command), 45_000);
    this.execs.add(running);
    const forget = (): void => { this.execs.delete(running); };
    running.then(forget, forget);
    return running;
  }

  async logs(tail = 200): Promise<string> {
    const buffer = await this.call('logs', this.container.logs({ stdout: true, stderr: true, follow: false, tail })) as unknown as Buffer;
    return demuxLogs(buffer);
  }

  /**
   * `v` removes the container's anonymous volumes (an image's VOLUME, unlabelled, so nothing else
   * would find them); named volumes are never removed with a container.
   */
  async remove(): Promise<void> {
    this.ports.clear();
    try {
      await this.call('remove', this.container.remove({ force: true, v: true }));
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      // 404: already gone. 409: a removal (ours or a teardown's) is under way; wait for it.
      if (status === 409) await waitUntil(`${this.name} to be removed`, async () => (await this.state()).status === 'missing', { timeoutMs: apiCallTimeoutMs });
      else if (status !== 404) throw error;
    }
    this.onRemoved(this);
  }

  /** A Docker API call on this container, bounded so a hung engine cannot hang the run. */
  private call<T>(what: string, work: Promise<T>, timeoutMs = apiCallTimeoutMs): Promise<T> {
    return withTimeout(work, timeoutMs, `docker ${what} of ${this.name}`);
  }

  waitReady(timeoutMs: number): Promise<void> {
    return waitUntil(`${this.name} to be ready (${describeProbe(this.spec)})`, async () => {
      const state = await this.state();
      if (state.status === 'exited' || state.status === 'dead' || state.status === 'missing') {
        const logs = state.status === 'missing' ? '' : (await this.logs(20).catch(() => '')).trimEnd();
        throw new GiveUp(`${this.name} is ${state.status}${state.exitCode === undefined ? '' : ` with exit code ${state.exitCode}`}`
          + (logs === '' ? '' : `\n--- last lines of ${this.name}'s log ---\n${logs}`));
      }
      return runProbe(this.spec.readiness, this);
    }, { timeoutMs, intervalMs: 100 });
  }
}

function describeProbe(spec: ServiceSpec): string {
  const probe = spec.readiness;
  return probe.kind === 'http' ? `GET ${probe.path} on port ${probe.port}` : probe.command.join(' ');
}

/** Docker answers 304 when the container is already in the requested state. */
async function ignoreNotModified(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 304) throw error;
  }
}
