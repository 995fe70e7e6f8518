import type { ImageRole } from '../runtime/docker/images/image-catalog.js';
import type { ServiceSpec } from '../runtime/runtime.js';
import type { ServicePlan, StackPlan } from '../scenario/plan.js';
import { appDb, dbAdmin } from './db-admin.js';
import { haproxyConfig, lbHttpPort, lbStatsPort } from './haproxy-config.js';

export const redisPort = 6379;
export const dbPort = 3306;

/** How to start each service of the reference stack. */
export function serviceSpec(service: ServicePlan, stack: StackPlan, images: Readonly<Record<ImageRole, string>>): ServiceSpec {
  switch (service.role) {
    case 'cache':
      return {
        name: service.name, role: 'cache', image: images.redis,
        readiness: { kind: 'command', command: ['redis-healthcheck'] },
      };
    case 'db':
      return {
        name: service.name, role: 'db', image: images.db,
        env: { SERVER_ID: service.name.replace(/\D/g, '') || '1', DB_PASSWORD: appDb.password, FAULTLINE_ADMIN_PASSWORD: dbAdmin.password },
        readiness: { kind: 'command', command: ['/usr/local/bin/db-healthcheck'] },
      };
    case 'app':
      return {
        name: service.name, role: 'app', image: stack.app.image ?? images.app,
        env: {
          PORT: String(stack.app.port), APP_NAME: service.name,
          REDIS_HOST: 'redis', REDIS_PORT: String(redisPort),
          DB_HOST: 'db-1', DB_PORT: String(dbPort), DB_USER: appDb.user, DB_PASSWORD: appDb.password, DB_NAME: appDb.name,
          ...stack.app.env,
        },
        publish: [stack.app.port],
        readiness: { kind: 'http', port: stack.app.port, path: '/healthz' },
      };
    case 'lb': {
      const backends = stack.services.filter((s) => s.role === 'app').map((s) => ({ name: s.name, host: s.name, port: stack.app.port }));
      return {
        name: service.name, role: 'lb', image: images.lb,
        files: [{ path: '/usr/local/etc/haproxy/haproxy.cfg', content: haproxyConfig(stack.lb, backends) }],
        publish: [lbHttpPort, lbStatsPort],
        readiness: { kind: 'http', port: lbStatsPort, path: '/stats;csv' },
      };
    }
  }
}
