import type Dockerode from 'dockerode';
import { createServer } from 'node:net';
import { GenericContainer, type BoundPorts, type WaitStrategy } from 'testcontainers';

/**
 * A testcontainers container with what faultline needs and GenericContainer lacks: ports
 * published on 127.0.0.1 only, and a network alias on the run's network without also joining
 * the default bridge (so isolating a service really cuts it off).
 */
export class FaultlineContainer extends GenericContainer {
  constructor(image: string, private readonly serviceName: string, private readonly networkName: string) {
    super(image);
    this.withNetworkMode(networkName);
  }

  /** Named volumes and tmpfs mounts (`HostConfig.Mounts`, which GenericContainer has no setter for). */
  withMounts(mounts: readonly Dockerode.MountSettings[]): this {
    this.hostConfig.Mounts = [...(this.hostConfig.Mounts ?? []), ...mounts];
    return this;
  }

  protected override async beforeContainerCreated(): Promise<void> {
    this.createOpts.Hostname = this.serviceName;
    this.createOpts.NetworkingConfig = { EndpointsConfig: { [this.networkName]: { Aliases: [this.serviceName] } } };
    // A fixed host port (rather than Docker's pick) survives container restarts, so load and
    // probes keep working after a restart fault.
    const bindings = this.hostConfig.PortBindings as Record<string, { HostPort?: string; HostIp?: string }[]> | undefined;
    for (const key of Object.keys(bindings ?? {})) {
      bindings![key] = [{ HostIp: '127.0.0.1', HostPort: String(await freeLoopbackPort()) }];
    }
  }
}

/** Adapts a readiness check of ours to testcontainers' wait-strategy interface. */
export class ReadinessWait implements WaitStrategy {
  constructor(private startupTimeoutMs: number, private readonly wait: (containerId: string, timeoutMs: number) => Promise<void>) {}

  waitUntilReady(container: Dockerode.Container, _boundPorts: BoundPorts): Promise<void> {
    return this.wait(container.id, this.startupTimeoutMs);
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

/** Ports this process handed out recently, so parallel starts never pick the same one. */
const handedOut = new Set<number>();
const portRange = { from: 20_000, to: 32_000 };

/**
 * A port on 127.0.0.1 that nothing listens on right now, picked below Linux's ephemeral range
 * (32768+), so an outgoing connection of the load generator cannot take it between the pick and
 * Docker binding it.
 */
async function freeLoopbackPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = portRange.from + Math.floor(Math.random() * (portRange.to - portRange.from));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    if (handedOut.size > 2000) handedOut.clear();
    return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${portRange.from} and ${portRange.to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
