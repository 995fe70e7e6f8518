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
  constructor(private startupTimeoutMs: number, private readonly wait: (timeoutMs: number) => Promise<void>) {}

  waitUntilReady(_container: Dockerode.Container, _boundPorts: BoundPorts): Promise<void> {
    return this.wait(this.startupTimeoutMs);
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

/** A port on 127.0.0.1 that nothing listens on right now. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
