import type { NetworkAddress, RunNetwork } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { dbAdmin, replication } from './db-admin.js';
import { hostPort } from './host-port.js';
import { routeTo } from './route-to.js';

/** The failover controller's configuration (fixtures/controller reads it from the environment). */
export function controllerEnv(stack: StackPlan, network: RunNetwork): Record<string, string> {
  const controller = stack.controller;
  if (!controller) throw new Error('the stack has no failover controller');
  // How each replica reaches each possible primary, for CHANGE MASTER after a failover.
  const routes: Record<string, Record<string, NetworkAddress>> = {};
  for (const replica of stack.db.nodes) {
    for (const primary of stack.db.nodes.filter((node) => node !== replica)) {
      (routes[replica] ??= {})[primary] = routeTo(stack, network, replica, primary, referencePorts.db);
    }
  }
  const appRoutes = Object.fromEntries(stack.db.nodes.map((node) => [node, stack.links.filter((l) => l.to === node && l.from.startsWith('app-')).map((l) => l.name)]));
  return {
    CONTROLLER_PORT: String(referencePorts.controller),
    NODES: JSON.stringify(stack.db.nodes.map((name) => ({ name, ...network.addressOf(name, referencePorts.db) }))),
    INITIAL_PRIMARY: stack.db.nodes[0]!,
    ADMIN_USER: dbAdmin.user,
    ADMIN_PASSWORD: dbAdmin.password,
    REPL_USER: replication.user,
    REPL_PASSWORD: replication.password,
    REPLICATION_ROUTES: JSON.stringify(routes),
    APP_ROUTES: JSON.stringify(appRoutes),
    ...(stack.proxy.enabled ? { PROXY_API: `http://${hostPort(network.addressOf('proxy', stack.proxy.apiPort))}` } : {}),
    CHECK_INTERVAL_MS: String(controller.checkIntervalMs),
    FAILURE_THRESHOLD: String(controller.failureThreshold),
    LEASE_TTL_MS: String(controller.leaseTtlMs),
    CATCHUP_TIMEOUT_MS: '10000',
    FAILOVER_COOLDOWN_MS: String(controller.failoverCooldownMs),
  };
}

/** A database node's environment: its id, replication mode and, with a controller, its watchdog. */
export function dbNodeEnv(node: string, stack: StackPlan, network: RunNetwork): Record<string, string> {
  const env: Record<string, string> = {
    SERVER_ID: node.replace(/\D/g, '') || '1',
    SEMI_SYNC: stack.db.replication === 'semi-sync' ? 'on' : 'off',
    NODE_NAME: node,
  };
  if (stack.db.backup) {
    env.BACKUP_TARGET = hostPort(routeTo(stack, network, node, 'backup', referencePorts.backupUpload));
    env.BACKUP_INTERVAL_MS = String(stack.db.backup.intervalMs);
  }
  if (stack.db.nodes.length > 1) env.CLONE_PORT = String(referencePorts.clone);
  if (stack.controller) {
    env.CONTROLLER_URL = `http://${hostPort(network.addressOf('controller', referencePorts.controller))}`;
    env.NODE_PEERS = stack.db.nodes.filter((other) => other !== node).map((other) => hostPort(network.addressOf(other, referencePorts.db))).join(',');
    env.LEASE_TTL_MS = String(stack.controller.leaseTtlMs);
  }
  return env;
}

/**
 * The backup store's environment: where it archives binary logs from (db-1, through its link),
 * when the binlog archive is on.
 */
export function backupAgentEnv(stack: StackPlan, network: RunNetwork): Record<string, string> {
  const env: Record<string, string> = { BACKUP_DIR: '/backup', REPL_PASSWORD: replication.password };
  if (stack.db.backup?.binlogArchive) env.ARCHIVE_SOURCE = hostPort(routeTo(stack, network, 'backup', stack.db.nodes[0]!, referencePorts.db));
  return env;
}
