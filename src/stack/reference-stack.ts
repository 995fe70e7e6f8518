import type { LinkProtocol } from '../faults/link-probe.js';
import { BackupStoreClient } from '../dr/backup-store-client.js';
import { FaultProxyClient } from '../proxy-client/fault-proxy-client.js';
import type { Endpoint, PreparedImages, RunEnvironment, ServiceHandle } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { ControllerClient } from './controller-client.js';
import { promote } from './db-admin.js';
import { lbBackendName, lbStatsPort } from './haproxy-config.js';
import { parseHaproxyCsv, type BackendServerState } from './haproxy-stats.js';
import { serviceSpec } from './service-specs.js';
import { stackVolumes } from './stack-volumes.js';
import { startInOrder } from './start-in-order.js';

/** A started reference stack: its services and the endpoints the harness talks to. */
export interface StartedStack {
  readonly plan: StackPlan;
  /** By name; a restored node replaces the lost one here. */
  readonly services: Map<string, ServiceHandle>;
  /** Where load goes: the `client->lb` link of the fault proxy (or the LB itself without a proxy), on loopback. */
  readonly entry: Endpoint;
  /** The fault proxy's API, when the stack has one. */
  readonly proxy: FaultProxyClient | undefined;
  /** The failover controller's API, when the stack replicates its database. */
  readonly controller: ControllerClient | undefined;
  /** The backup store's API, with `stack.db.backup`. */
  readonly backupStore: BackupStoreClient | undefined;
  /** The proxy's loopback endpoint for a link and what the service behind it speaks. */
  link(name: string): Promise<{ endpoint: Endpoint; protocol: LinkProtocol }>;
  /** The load balancer's view of its app servers. */
  backendStates(): Promise<BackendServerState[]>;
  /** Milliseconds each service took from start to ready. */
  readonly startupMs: Readonly<Record<string, number>>;
}

const protocolOf: Readonly<Record<string, LinkProtocol>> = { lb: 'http', app: 'http', cache: 'redis', db: 'mysql', controller: 'http', backup: 'opaque' };

/**
 * Starts the reference stack (dependencies first, the rest in parallel), then makes the initial
 * database primary writable.
 */
export async function startReferenceStack(
  plan: StackPlan,
  images: PreparedImages,
  env: RunEnvironment,
  onStarted: (service: string, ms: number) => void = () => undefined,
): Promise<StartedStack> {
  const startupMs: Record<string, number> = {};
  for (const volume of stackVolumes(plan)) await env.createVolume(volume.name, { service: volume.service });
  const services = await startInOrder(plan.services, async (service) => {
    const began = performance.now();
    const handle = await env.start(serviceSpec(service, plan, images, env));
    // Without a controller nobody else makes the (read-only booting) primary writable.
    if (service.name === 'db-1' && !plan.controller) await promote(handle);
    const ms = Math.round(performance.now() - began);
    startupMs[service.name] = ms;
    onStarted(service.name, ms);
    return handle;
  });
  const lb = required(services, 'lb');
  const proxyService = services.get('proxy');
  const entryLink = plan.links.find((link) => link.from === 'client' && link.to === 'lb');
  const entry = proxyService && entryLink ? await proxyService.endpoint(entryLink.listenPort) : await lb.endpoint(referencePorts.lb);
  const proxyApi = proxyService ? await proxyService.endpoint(plan.proxy.apiPort) : undefined;
  const controllerService = services.get('controller');
  const controllerApi = controllerService ? await controllerService.endpoint(referencePorts.controller) : undefined;
  const backupService = services.get('backup');
  const backupApi = backupService ? await backupService.endpoint(referencePorts.backupApi) : undefined;
  return {
    plan,
    services,
    entry,
    startupMs,
    proxy: proxyApi ? new FaultProxyClient(`http://${proxyApi.host}:${proxyApi.port}`) : undefined,
    controller: controllerApi ? new ControllerClient(`http://${controllerApi.host}:${controllerApi.port}`) : undefined,
    backupStore: backupApi ? new BackupStoreClient(`http://${backupApi.host}:${backupApi.port}`) : undefined,
    async link(name) {
      const link = plan.links.find((l) => l.name === name);
      if (!link || !proxyService) throw new Error(`no link ${name} in this stack`);
      const role = plan.services.find((s) => s.name === link.to)?.role ?? 'app';
      const protocol = link.toPort === referencePorts.clone ? 'opaque' : protocolOf[role] ?? 'http';
      return { endpoint: await proxyService.endpoint(link.listenPort), protocol };
    },
    async backendStates() {
      const stats = await lb.endpoint(lbStatsPort);
      const csv = await fetchText(stats, '/stats;csv');
      return parseHaproxyCsv(csv, lbBackendName);
    },
  };
}

function required(services: ReadonlyMap<string, ServiceHandle>, name: string): ServiceHandle {
  const service = services.get(name);
  if (!service) throw new Error(`the stack has no ${name}`);
  return service;
}

async function fetchText(endpoint: Endpoint, path: string): Promise<string> {
  const response = await fetch(`http://${endpoint.host}:${endpoint.port}${path}`, { signal: AbortSignal.timeout(1000) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.text();
}
