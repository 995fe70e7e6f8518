import type { ImageRole, PreparedImages, RunNetwork, ServiceSpec } from '../runtime/runtime.js';
import type { ServicePlan, StackPlan } from '../scenario/plan.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { appDb, dbAdmin, replication } from './db-admin.js';
import { backupAgentEnv, controllerEnv, dbNodeEnv } from './controller-env.js';
import { backupVolume, dbMounts, storagePaths } from './stack-volumes.js';
import { haproxyConfig, lbStatsPort } from './haproxy-config.js';
import { hostPort } from './host-port.js';
import { proxyConfigPath, proxyPopulateConfig } from './proxy-config.js';
import { routeTo } from './route-to.js';

/**
 * How to start each service of the reference stack. Services find each other at the addresses
 * `network` gives (through the fault proxy where a link goes through it).
 */
export function serviceSpec(service: ServicePlan, stack: StackPlan, images: PreparedImages, network: RunNetwork): ServiceSpec {
  const image = (role: ImageRole): string => preparedImage(images, role, service.name);
  switch (service.role) {
    case 'proxy':
      return {
        name: service.name, role: 'proxy', image: stack.proxy.image ?? image('proxy'),
        // Toxiproxy's own flags, so a real Toxiproxy image is started the same way.
        command: ['-host=0.0.0.0', `-config=${proxyConfigPath}`],
        files: [{ path: proxyConfigPath, content: proxyPopulateConfig(stack.links, network) }],
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
        env: { ...dbNodeEnv(service.name, stack, network), DB_PASSWORD: appDb.password, REPL_PASSWORD: replication.password, FAULTLINE_ADMIN_PASSWORD: dbAdmin.password },
        mounts: dbMounts(service.name, stack),
        readiness: { kind: 'command', command: ['/usr/local/bin/db-healthcheck'] },
      };
    case 'backup':
      return {
        // The db image: the store's mariadb-backup and mariadb-binlog match the servers' version.
        name: service.name, role: 'backup', image: image('db'),
        command: ['backup-agent'],
        env: backupAgentEnv(stack, network),
        mounts: [{ kind: 'volume', source: backupVolume, target: storagePaths.backups }],
        publish: [referencePorts.backupApi],
        readiness: { kind: 'http', port: referencePorts.backupApi, path: '/healthz' },
      };
    case 'controller':
      return {
        name: service.name, role: 'controller', image: image('controller'),
        env: controllerEnv(stack, network),
        publish: [referencePorts.controller],
        readiness: { kind: 'http', port: referencePorts.controller, path: '/healthz' },
        startupTimeoutMs: 90_000,
      };
    case 'app': {
      const redis = routeTo(stack, network, service.name, 'redis', referencePorts.redis);
      const dbs = stack.db.nodes.map((node) => routeTo(stack, network, service.name, node, referencePorts.db));
      const db: Record<string, string> = dbs.length === 1
        ? { DB_HOST: dbs[0]!.host, DB_PORT: String(dbs[0]!.port) }
        : { DB_HOSTS: dbs.map(hostPort).join(',') };
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
      const backends = stack.services.filter((s) => s.role === 'app').map((s) => ({ name: s.name, ...routeTo(stack, network, 'lb', s.name, stack.app.port) }));
      return {
        name: service.name, role: 'lb', image: image('lb'),
        files: [{ path: '/usr/local/etc/haproxy/haproxy.cfg', content: haproxyConfig(stack.lb, backends, network.nameServer) }],
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
