import type { ImageRole } from '../runtime/docker/images/image-catalog.js';
import type { Endpoint, RunEnvironment, ServiceHandle } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';
import { promote } from './db-admin.js';
import { lbBackendName, lbHttpPort, lbStatsPort } from './haproxy-config.js';
import { parseHaproxyCsv, type BackendServerState } from './haproxy-stats.js';
import { serviceSpec } from './service-specs.js';
import { startInOrder } from './start-in-order.js';

/** A started reference stack: its services and the endpoints the harness talks to. */
export interface StartedStack {
  readonly services: ReadonlyMap<string, ServiceHandle>;
  /** Where load goes: the load balancer's HTTP port on loopback. */
  readonly entry: Endpoint;
  /** The load balancer's view of its app servers. */
  backendStates(): Promise<BackendServerState[]>;
  /** Milliseconds each service took from start to ready. */
  readonly startupMs: Readonly<Record<string, number>>;
}

/**
 * Starts the reference stack (dependencies first, the rest in parallel), then makes the initial
 * database primary writable.
 */
export async function startReferenceStack(
  plan: StackPlan,
  images: Readonly<Record<ImageRole, string>>,
  env: RunEnvironment,
  onStarted: (service: string, ms: number) => void = () => undefined,
): Promise<StartedStack> {
  const startupMs: Record<string, number> = {};
  const services = await startInOrder(plan.services, async (service) => {
    const began = performance.now();
    const handle = await env.start(serviceSpec(service, plan, images));
    if (service.name === 'db-1') await promote(handle);
    const ms = Math.round(performance.now() - began);
    startupMs[service.name] = ms;
    onStarted(service.name, ms);
    return handle;
  });
  const lb = services.get('lb');
  if (!lb) throw new Error('the stack has no load balancer');
  const entry = await lb.endpoint(lbHttpPort);
  return {
    services,
    entry,
    startupMs,
    async backendStates() {
      const stats = await lb.endpoint(lbStatsPort);
      const csv = await fetchText(stats, '/stats;csv');
      return parseHaproxyCsv(csv, lbBackendName);
    },
  };
}

async function fetchText(endpoint: Endpoint, path: string): Promise<string> {
  const response = await fetch(`http://${endpoint.host}:${endpoint.port}${path}`, { signal: AbortSignal.timeout(1000) });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.text();
}
