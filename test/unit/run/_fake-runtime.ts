import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CleanupReport, Endpoint, ImageRole, PreparedImages, RunEnvironment, RunSummary, Runtime, TeardownReport } from '../../../src/runtime/runtime.js';
import { FakeRun } from './_fake-run.js';

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
  private readonly runs = new Map<string, FakeRun>();

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
    const run = new FakeRun(runId, this, this.system);
    this.runs.set(runId, run);
    return Promise.resolve(run);
  }

  /** Every run here belongs to this live process, so none is stale: only `all` removes any. */
  async cleanup(options: { all: boolean; exceptRunId?: string }): Promise<CleanupReport> {
    const targets = options.all ? [...this.runs.keys()].filter((runId) => runId !== options.exceptRunId) : [];
    let report: TeardownReport = { containersRemoved: 0, networksRemoved: 0, volumesRemoved: 0 };
    for (const runId of targets) {
      const removed = this.runs.get(runId)!.removeAll();
      this.runs.delete(runId);
      report = { containersRemoved: report.containersRemoved + removed.containersRemoved, networksRemoved: report.networksRemoved + removed.networksRemoved, volumesRemoved: report.volumesRemoved + removed.volumesRemoved };
    }
    return { runs: targets, ...report };
  }

  removeRun(runId: string): Promise<TeardownReport> {
    this.log.push('remove run by label');
    this.tornDown = true;
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    return Promise.resolve(run ? run.removeAll() : { containersRemoved: 0, networksRemoved: 0, volumesRemoved: 0 });
  }

  async listRuns(): Promise<RunSummary[]> {
    return Promise.all([...this.runs.values()].map(async (run) => ({
      runId: run.runId, containers: run.services().length, networks: 1, volumes: (await run.volumes()).length, stale: false,
    })));
  }

  /** Forgets a run whose environment tore itself down. */
  forget(runId: string): void {
    this.runs.delete(runId);
  }
}

