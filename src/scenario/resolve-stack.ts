import type { BackupPlan, ControllerPlan, DbPlan, StackPlan } from './plan.js';
import type { ProblemCollector } from './problems.js';
import { referenceLinks, referencePorts, referenceServices } from './reference-topology.js';

export const stackFields = ['app', 'lb', 'proxy', 'db', 'controller'] as const;
const proxyFields = ['enabled', 'image'] as const;
const dbFields = ['replication', 'backup'] as const;
const backupFields = ['interval', 'binlogArchive'] as const;
const controllerFields = ['checkInterval', 'failureThreshold', 'leaseTtl', 'failoverCooldown'] as const;
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
  const db = resolveDb(stack?.db, proxyEnabled, check);
  const controller = db.nodes.length > 1 ? resolveController(stack?.controller, check) : undefined;
  if (db.nodes.length === 1 && stack?.controller !== undefined) {
    check.add('stack.controller', "is only used with replication; set stack.db.replication to 'async' or 'semi-sync'");
  }
  const topology = { replicas, withProxy: proxyEnabled, dbNodes: db.nodes, backup: db.backup !== undefined };
  const plan: StackPlan = {
    services: referenceServices(topology),
    db,
    controller,
    proxy: { enabled: proxyEnabled, image: proxyImage, apiPort: referencePorts.proxyApi },
    links: proxyEnabled ? referenceLinks(topology, appPort) : [],
    app: {
      replicas,
      image,
      port: appPort,
      env,
    },
    lb: {
      checkIntervalMs: check.durationMs(lb?.checkInterval, 'stack.lb.checkInterval', { fallback: 250, minMs: 50, maxMs: 60_000 }),
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

function resolveDb(input: unknown, proxyEnabled: boolean, check: ProblemCollector): DbPlan {
  const db = check.object(input, 'stack.db', dbFields);
  const replication = check.string(db?.replication, 'stack.db.replication', { fallback: 'none', oneOf: ['none', 'async', 'semi-sync'] }) as DbPlan['replication'];
  if (replication !== 'none' && !proxyEnabled) {
    check.add('stack.db.replication', 'needs the fault proxy (stack.proxy.enabled): the failover controller re-routes the apps\' database links through it');
  }
  return { replication, nodes: replication === 'none' ? ['db-1'] : ['db-1', 'db-2'], backup: resolveBackup(db?.backup, proxyEnabled, check) };
}

function resolveBackup(input: unknown, proxyEnabled: boolean, check: ProblemCollector): BackupPlan | undefined {
  if (input === undefined) return undefined;
  const backup = check.object(input, 'stack.db.backup', backupFields);
  if (!proxyEnabled) check.add('stack.db.backup', 'needs the fault proxy (stack.proxy.enabled): the backup store is reached over its own links through it');
  return {
    intervalMs: check.durationMs(backup?.interval, 'stack.db.backup.interval', { fallback: 20_000, minMs: 1000, maxMs: 24 * 3_600_000 }),
    binlogArchive: check.boolean(backup?.binlogArchive, 'stack.db.backup.binlogArchive', true),
  };
}

function resolveController(input: unknown, check: ProblemCollector): ControllerPlan {
  const controller = check.object(input, 'stack.controller', controllerFields);
  return {
    checkIntervalMs: check.durationMs(controller?.checkInterval, 'stack.controller.checkInterval', { fallback: 500, minMs: 50, maxMs: 60_000 }),
    failureThreshold: check.number(controller?.failureThreshold, 'stack.controller.failureThreshold', { fallback: 3, min: 1, max: 100, integer: true }),
    leaseTtlMs: check.durationMs(controller?.leaseTtl, 'stack.controller.leaseTtl', { fallback: 2000, minMs: 100, maxMs: 60_000 }),
    failoverCooldownMs: check.durationMs(controller?.failoverCooldown, 'stack.controller.failoverCooldown', { fallback: 0 }),
  };
}
