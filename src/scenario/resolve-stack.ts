import type { StackPlan, ServicePlan } from './plan.js';
import type { ProblemCollector } from './problems.js';

export const stackFields = ['app', 'lb'] as const;
const appFields = ['replicas', 'image', 'port', 'env'] as const;
const lbFields = ['checkInterval', 'fall', 'rise', 'retries', 'redispatch', 'serverTimeout', 'connectTimeout', 'maxConnPerApp'] as const;

/** The most app replicas one machine's reference stack may run. */
export const maxAppReplicas = 16;

export function resolveStack(input: unknown, check: ProblemCollector): StackPlan {
  const stack = check.object(input, 'stack', stackFields);
  const app = check.object(stack?.app, 'stack.app', appFields);
  const lb = check.object(stack?.lb, 'stack.lb', lbFields);

  const replicas = check.number(app?.replicas, 'stack.app.replicas', { fallback: 2, min: 1, max: maxAppReplicas, integer: true });
  const image = app?.image === undefined ? undefined
    : check.string(app.image, 'stack.app.image', { fallback: '', pattern: /^[\w][\w.\-/:@]*$/, patternText: 'a Docker image reference such as myorg/app:1.2' }) || undefined;
  const env: Record<string, string> = {};
  const envInput = check.object(app?.env, 'stack.app.env', Object.keys(app?.env ?? {}));
  for (const [key, value] of Object.entries(envInput ?? {})) {
    if (typeof value !== 'string') check.add(`stack.app.env.${key}`, 'must be a string');
    else env[key] = value;
  }

  const plan: StackPlan = {
    services: referenceServices(replicas),
    app: {
      replicas,
      image,
      port: check.number(app?.port, 'stack.app.port', { fallback: 8080, min: 1, max: 65535, integer: true }),
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

/** The reference stack's services, in start order: lb → app-1..N → redis, db-1. */
export function referenceServices(replicas: number): ServicePlan[] {
  const apps: ServicePlan[] = Array.from({ length: replicas }, (_, i) => ({
    name: `app-${i + 1}`,
    role: 'app',
    dependsOn: ['redis', 'db-1'],
  }));
  return [
    { name: 'redis', role: 'cache', dependsOn: [] },
    { name: 'db-1', role: 'db', dependsOn: [] },
    ...apps,
    { name: 'lb', role: 'lb', dependsOn: apps.map((app) => app.name) },
  ];
}
