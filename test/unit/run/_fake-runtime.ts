import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CleanupReport, Endpoint, ExecResult, ImageRole, NetworkAddress, PreparedImages, RunEnvironment, RunSummary, Runtime, ServiceHandle, ServiceSpec, ServiceState, TeardownReport,
} from '../../../src/runtime/runtime.js';
import { ServiceExistsError } from '../../../src/runtime/runtime-errors.js';

/**
 * A stand-in for the system under test, for engine tests without Docker: one local HTTP server
 * plays the load balancer (its stats page lists every app UP), the apps behind it (reads 200,
 * writes 201, or 503 while `failing`), and every published port. It is a real server on
 * loopback, so load, steady-state probes and the LB sampler talk real HTTP to it.
 */
export class FakeSystem {
  failing = false;
  /** Fail every request to the app after this many (so the steady state before still holds). */
  failAfter = Infinity;
  private handled = 0;
  private server: Server | undefined;
  private port = 0;
  apps: string[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/stats')) {
          const rows = this.apps.map((app) => `apps,${app},UP`);
          res.end(['# pxname,svname,status', ...rows, 'apps,BACKEND,UP'].join('\n'));
          return;
        }
        if (this.failing || ++this.handled > this.failAfter) {
          res.writeHead(503).end();
          return;
        }
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server.keepAliveTimeout = 10_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  endpoint(): Endpoint {
    return { host: '127.0.0.1', port: this.port };
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** What a test can make a service do: hang or fail a given operation. */
export interface Misbehaviour {
  readonly service: string;
  readonly operation: 'start' | 'kill' | 'exec' | 'teardown';
  readonly does: 'hang' | 'fail';
}

/** Records, in order, everything the engine asked of the runtime. */
export class FakeRuntime implements Runtime {
  readonly kind = 'fake';
  readonly log: string[] = [];
  tornDown = false;

  constructor(private readonly system: FakeSystem, private readonly misbehaviour: readonly Misbehaviour[] = []) {}

  act<T>(service: string, operation: Misbehaviour['operation'], work: () => T): Promise<T> {
    this.log.push(`${operation} ${service}`);
    const bad = this.misbehaviour.find((m) => m.service === service && m.operation === operation);
    if (bad?.does === 'hang') return new Promise(() => undefined);
    if (bad?.does === 'fail') return Promise.reject(new Error(`${service}: ${operation} failed (as the test asked)`));
    return Promise.resolve(work());
  }

  prepareImages(roles: readonly ImageRole[]): Promise<PreparedImages> {
    this.log.push(`prepare images ${roles.join(',')}`);
    return Promise.resolve(Object.fromEntries(roles.map((role) => [role, `fake/${role}`])));
  }

  createRun(runId: string): Promise<RunEnvironment> {
    this.log.push('create run');
    return Promise.resolve(new FakeRun(runId, this, this.system));
  }

  cleanup(): Promise<CleanupReport> {
    return Promise.resolve({ runs: [], containersRemoved: 0, networksRemoved: 0 });
  }

  removeRun(): Promise<TeardownReport> {
    this.log.push('remove run by label');
    this.tornDown = true;
    return Promise.resolve({ containersRemoved: 0, networksRemoved: 0 });
  }

  listRuns(): Promise<RunSummary[]> {
    return Promise.resolve([]);
  }
}

class FakeRun implements RunEnvironment {
  private readonly started = new Map<string, FakeService>();
  /** No DNS here: configs are written with fixed addresses. */
  readonly nameServer = undefined;

  constructor(readonly runId: string, private readonly runtime: FakeRuntime, private readonly system: FakeSystem) {}

  async start(spec: ServiceSpec): Promise<ServiceHandle> {
    // Checked before anything is started, as a real runtime must: the name is taken.
    const existing = this.started.get(spec.name);
    if (existing) throw new ServiceExistsError(spec.name, this.runId, (await existing.state()).status);
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

  async teardown(): Promise<TeardownReport> {
    await this.runtime.act('run', 'teardown', () => undefined);
    this.runtime.tornDown = true;
    return { containersRemoved: this.started.size, networksRemoved: 1 };
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
    this.status = 'missing';
    this.onRemoved(this);
    return Promise.resolve();
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
