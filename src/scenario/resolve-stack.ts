import type { LinkPlan, ServicePlan, StackPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

export const stackFields = ['app', 'lb', 'proxy'] as const;
const proxyFields = ['enabled', 'image'] as const;

/** Ports the reference stack's services listen on inside their containers. */
export const referencePorts = { lb: 8080, redis: 6379, db: 3306, proxyApi: 8474 } as const;
/** The fault proxy listens for link i on `firstLinkPort + i`. */
export const firstLinkPort = 20_000;
const appFields = ['replicas', 'image', 'port', 'env'] as const;
const lbFields = ['checkInterval', 'fall', 'rise', 'retries', 'redispatch', 'serverTimeout', 'connectTimeout', 'maxConnPerApp'] as const;

/** The most app replicas one machine's reference stack may run. */
export const maxAppReplicas = 16;

export function resolveStack(input: unknown, check: ProblemCollector): StackPlan {
  const stack = check.object(input, 'stack', stackFields);
  const app = check.object(stack?.app, 'stack.app', appFields);
  const lb = check.object(stack?.lb, 'stack.lb', lbFields);
  const proxy = check.object(stack?.proxy, 'stack.proxy', proxyFields);
  const proxyEnabled = check.boolean(proxy?.enabled, 'stack.proxy.enabled', true);
  const proxyImage = proxy?.image === undefined ? undefined
    : check.string(proxy.image, 'stack.proxy.image', { fallback: '', pattern: /^[\w][\w.\-/:@]*$/, patternText: 'a Docker image reference such as ghcr.io/shopify/toxiproxy:2.12.0' }) || undefined;

  const replicas = check.number(app?.replicas, 'stack.app.replicas', { fallback: 2, min: 1, max: maxAppReplicas, integer: true });
  const image = app?.image === undefined ? undefined
    : check.string(app.image, 'stack.app.image', { fallback: '', pattern: /^[\w][\w.\-/:@]*$/, patternText: 'a Docker image reference such as myorg/app:1.2' }) || undefined;
  const env: Record<string, string> = {};
  const envInput = check.object(app?.env, 'stack.app.env', Object.keys(app?.env ?? {}));
  for (const [key, value] of Object.entries(envInput ?? {})) {
    if (typeof value !== 'string') check.add(`stack.app.env.${key}`, 'must be a string');
    else env[key] = value;
  }

  const appPort = check.number(app?.port, 'stack.app.port', { fallback: 8080, min: 1, max: 65535, integer: true });
  const plan: StackPlan = {
    services: referenceServices(replicas, proxyEnabled),
    proxy: { enabled: proxyEnabled, image: proxyImage, apiPort: referencePorts.proxyApi },
    links: proxyEnabled ? referenceLinks(replicas, appPort) : [],
    app: {
      replicas,
      image,
      port: appPort,
      env,
    },
    lb: {
      checkIntervalMs: check.durationMs(lb?.checkInterval, 'stack.lb.checkInterval', { fallback: 500, minMs: 50, maxMs: 60_000 }),
      fall: check.number(lb?.fall, 'stack.lb.fall', { fallback: 2, min: 1, max: 100, integer: true }),
      rise: check.number(lb?.rise, 'stack.lb.rise', { fallback: 2, min: 1, max: 100, integer: true }),
      retries: check.number(lb?.retries, 'stack.lb.retries', { fallback: 3, min: 0, max: 100, integer: true }),
      redispatch: check.boolean(lb?.redispatch, 'stack.lb.redispatch', true),
      serverTimeoutMs: check.durationMs(lb?.serverTimeout, 'stack.lb.serverTimeout', { fallback: 5000, minMs: 1 }),
      connectTimeoutMs: check.durationMs(lb?.connectTimeout, 'stack.lb.connectTimeout', { fallback: 100, minMs: 1 }),
      maxConnPerApp: check.number(lb?.maxConnPerApp, 'stack.lb.maxConnPerApp', { fallback: 100, min: 1, max: 10_000, integer: true }),
    },
  };
  return plan;
}

/** The reference stack's services: proxy, redis, db-1 first, then app-1..N, then lb. */
export function referenceServices(replicas: number, withProxy: boolean): ServicePlan[] {
  const proxy: ServicePlan[] = withProxy ? [{ name: 'proxy', role: 'proxy', dependsOn: [] }] : [];
  const viaProxy = withProxy ? ['proxy'] : [];
  const apps: ServicePlan[] = Array.from({ length: replicas }, (_, i) => ({
    name: `app-${i + 1}`,
    role: 'app',
    dependsOn: ['redis', 'db-1', ...viaProxy],
  }));
  return [
    ...proxy,
    { name: 'redis', role: 'cache', dependsOn: [] },
    { name: 'db-1', role: 'db', dependsOn: [] },
    ...apps,
    { name: 'lb', role: 'lb', dependsOn: [...apps.map((app) => app.name), ...viaProxy] },
  ];
}

/** Every link of the reference stack, with the proxy port each one gets. */
export function referenceLinks(replicas: number, appPort: number): LinkPlan[] {
  const apps = Array.from({ length: replicas }, (_, i) => `app-${i + 1}`);
  const pairs: [string, string, number][] = [
    ['client', 'lb', referencePorts.lb],
    ...apps.map((app): [string, string, number] => ['lb', app, appPort]),
    ...apps.map((app): [string, string, number] => [app, 'redis', referencePorts.redis]),
    ...apps.map((app): [string, string, number] => [app, 'db-1', referencePorts.db]),
  ];
  return pairs.map(([from, to, toPort], i) => ({ name: `${from}->${to}`, from, to, toPort, listenPort: firstLinkPort + i }));
}
