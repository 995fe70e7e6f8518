import type { LinkPlan, ServicePlan } from './plan.js';

/** Ports the reference stack's services listen on inside their containers. */
export const referencePorts = { lb: 8080, redis: 6379, db: 3306, proxyApi: 8474, controller: 8090, backupUpload: 9000, backupApi: 8080, clone: 9100 } as const;
/** The fault proxy listens for link i on `firstLinkPort + i`. */
export const firstLinkPort = 20_000;

export interface TopologyOptions {
  readonly replicas: number;
  readonly withProxy: boolean;
  /** Database nodes: `['db-1']` or `['db-1', 'db-2']`. */
  readonly dbNodes: readonly string[];
  /** With the backup service (`stack.db.backup`). */
  readonly backup?: boolean;
}

/**
 * The reference stack's services, dependencies first: proxy, redis, the backup store (with
 * `stack.db.backup`), the database nodes, the failover controller (with replication), app-1..N, lb.
 */
export function referenceServices(options: TopologyOptions): ServicePlan[] {
  const viaProxy = options.withProxy ? ['proxy'] : [];
  const replicated = options.dbNodes.length > 1;
  const controller: ServicePlan[] = replicated ? [{ name: 'controller', role: 'controller', dependsOn: [...options.dbNodes, ...viaProxy] }] : [];
  const apps: ServicePlan[] = Array.from({ length: options.replicas }, (_, i) => ({
    name: `app-${i + 1}`,
    role: 'app',
    // With a controller, apps start once it has made a primary writable and routed them to it.
    dependsOn: ['redis', ...(replicated ? ['controller'] : options.dbNodes), ...viaProxy],
  }));
  return [
    ...(options.withProxy ? [{ name: 'proxy', role: 'proxy', dependsOn: [] } as const] : []),
    { name: 'redis', role: 'cache', dependsOn: [] },
    // The store starts first: a node backs up as soon as it is a writable primary.
    ...(options.backup ? [{ name: 'backup', role: 'backup', dependsOn: [...viaProxy] } as const] : []),
    ...options.dbNodes.map((name): ServicePlan => ({ name, role: 'db', dependsOn: options.backup ? ['backup'] : [] })),
    ...controller,
    ...apps,
    { name: 'lb', role: 'lb', dependsOn: [...apps.map((app) => app.name), ...viaProxy] },
  ];
}

/** Every link of the reference stack (all through the fault proxy), with the port each one gets. */
export function referenceLinks(options: TopologyOptions, appPort: number): LinkPlan[] {
  const apps = Array.from({ length: options.replicas }, (_, i) => `app-${i + 1}`);
  const pairs: [string, string, number][] = [
    ['client', 'lb', referencePorts.lb],
    ...apps.map((app): [string, string, number] => ['lb', app, appPort]),
    ...apps.map((app): [string, string, number] => [app, 'redis', referencePorts.redis]),
    ...options.dbNodes.flatMap((db) => apps.map((app): [string, string, number] => [app, db, referencePorts.db])),
    // Replication: each node reaches the other when it is the replica.
    ...options.dbNodes.flatMap((replica) => options.dbNodes.filter((primary) => primary !== replica)
      .map((primary): [string, string, number] => [replica, primary, referencePorts.db])),
    // Rebuilds: a node being rebuilt fetches a clone of whichever node is the primary then.
    ...options.dbNodes.flatMap((replica) => options.dbNodes.filter((primary) => primary !== replica)
      .map((primary): [string, string, number] => [replica, primary, referencePorts.clone])),
    // Backups: each node uploads to the store; the store pulls each node's binlogs.
    ...(options.backup ? options.dbNodes.flatMap((db): [string, string, number][] => [[db, 'backup', referencePorts.backupUpload], ['backup', db, referencePorts.db]]) : []),
  ];
  // A second link between the same two services is named by what it carries.
  return pairs.map(([from, to, toPort], i) => ({ name: `${from}->${to}${toPort === referencePorts.clone ? ':clone' : ''}`, from, to, toPort, listenPort: firstLinkPort + i }));
}
