import type { ImageRole, PreparedImages, ServiceSpec } from '../runtime/runtime.js';
import type { ServicePlan, StackPlan } from '../scenario/plan.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { appDb, dbAdmin, replication } from './db-admin.js';
import { controllerEnv, dbNodeEnv } from './controller-env.js';
import { haproxyConfig, lbStatsPort } from './haproxy-config.js';
import { proxyConfigPath, proxyPopulateConfig } from './proxy-config.js';

/** Where `from` reaches `to`: through the fault proxy's port for that link, or directly. */
export function addressOf(stack: StackPlan, from: string, to: string, toPort: number): { host: string; port: number } {
  const link = stack.links.find((l) => l.from === from && l.to === to);
  return link ? { host: 'proxy', port: link.listenPort } : { host: to, port: toPort };
}

/** How to start each service of the reference stack. */
export function serviceSpec(service: ServicePlan, stack: StackPlan, images: PreparedImages): ServiceSpec {
  const image = (role: ImageRole): string => preparedImage(images, role, service.name);
  switch (service.role) {
    case 'proxy':
      return {
        name: service.name, role: 'proxy', image: stack.proxy.image ?? image('proxy'),
        // Toxiproxy's own flags, so a real Toxiproxy image is started the same way.
        command: ['-host=0.0.0.0', `-config=${proxyConfigPath}`],
        files: [{ path: proxyConfigPath, content: proxyPopulateConfig(stack.links) }],
        publish: [stack.proxy.apiPort, ...stack.links.map((link) => link.listenPort)],
        readiness: { kind: 'http', port: stack.proxy.apiPort, path: '/version' },
      };
    case 'cache':
      return {
        name: service.name, role: 'cache', image: image('redis'),
        readiness: { kind: 'command', command: ['redis-healthcheck'] },
      };
    case 'db':
      return {
        name: service.name, role: 'db', image: image('db'),
        env: { ...dbNodeEnv(service.name, stack), DB_PASSWORD: appDb.password, REPL_PASSWORD: replication.password, FAULTLINE_ADMIN_PASSWORD: dbAdmin.password },
        readiness: { kind: 'command', command: ['/usr/local/bin/db-healthcheck'] },
      };
    case 'controller':
      return {
        name: service.name, role: 'controller', image: image('controller'),
        env: controllerEnv(stack),
        publish: [referencePorts.controller],
        readiness: { kind: 'http', port: referencePorts.controller, path: '/healthz' },
        startupTimeoutMs: 90_000,
      };
    case 'app': {
      const redis = addressOf(stack, service.name, 'redis', referencePorts.redis);
      const dbs = stack.db.nodes.map((node) => addressOf(stack, service.name, node, referencePorts.db));
      const db: Record<string, string> = dbs.length === 1
        ? { DB_HOST: dbs[0]!.host, DB_PORT: String(dbs[0]!.port) }
        : { DB_HOSTS: dbs.map((address) => `${address.host}:${address.port}`).join(',') };
      return {
        name: service.name, role: 'app', image: stack.app.image ?? image('app'),
        env: {
          PORT: String(stack.app.port), APP_NAME: service.name,
          REDIS_HOST: redis.host, REDIS_PORT: String(redis.port),
          ...db, DB_USER: appDb.user, DB_PASSWORD: appDb.password, DB_NAME: appDb.name,
          ...stack.app.env,
        },
        publish: [stack.app.port],
        readiness: { kind: 'http', port: stack.app.port, path: '/healthz' },
      };
    }
    case 'lb': {
      const backends = stack.services.filter((s) => s.role === 'app').map((s) => ({ name: s.name, ...addressOf(stack, 'lb', s.name, stack.app.port) }));
      return {
        name: service.name, role: 'lb', image: image('lb'),
        files: [{ path: '/usr/local/etc/haproxy/haproxy.cfg', content: haproxyConfig(stack.lb, backends) }],
        publish: [referencePorts.lb, lbStatsPort],
        readiness: { kind: 'http', port: lbStatsPort, path: '/stats;csv' },
      };
    }
  }
}

/** A prepared image, or an error that says which role nobody prepared (see imagesNeeded). */
function preparedImage(images: PreparedImages, role: ImageRole, service: string): string {
  const image = images[role];
  if (image === undefined) throw new Error(`no image was prepared for role '${role}' (needed by ${service})`);
  return image;
}
