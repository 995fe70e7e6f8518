import type { NetworkAddress } from '../runtime/runtime.js';
import type { LbPlan } from '../scenario/plan.js';
import { referencePorts } from '../scenario/reference-topology.js';

export const lbStatsPort = 8404;
export const lbBackendName = 'apps';

export interface Backend {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/**
 * HAProxy configuration for the reference stack's load balancer. Health checks are HTTP (a frozen
 * app still accepts TCP connections, so a TCP check would never mark it down); with a name server
 * (the runtime's), servers are re-resolved through it, so a restarted app with a new address
 * comes back.
 */
export function haproxyConfig(lb: LbPlan, backends: readonly Backend[], nameServer: NetworkAddress | undefined): string {
  const fastInterval = Math.max(50, Math.round(lb.checkIntervalMs / 2));
  const resolvers = nameServer ? [
    'resolvers run-network',
    `  nameserver dns ${nameServer.host}:${nameServer.port}`,
    '  resolve_retries 3',
    '  timeout resolve 200ms',
    '  timeout retry 200ms',
    '  hold valid 1s',
    '  hold other 1s',
    '  hold refused 1s',
    '  hold nx 1s',
    '  hold timeout 1s',
    '  hold obsolete 1s',
    '',
  ] : [];
  const lines = [
    'global',
    '  log stdout format raw local0 notice',
    '  maxconn 8000',
    '',
    ...resolvers,
    'defaults',
    '  mode http',
    '  log global',
    `  timeout connect ${lb.connectTimeoutMs}ms`,
    '  timeout client 30s',
    `  timeout server ${lb.serverTimeoutMs}ms`,
    // Requests wait in HAProxy's queue (not in a frozen app's socket) when an app is saturated
    // or stalled; a request whose client gave up is dropped from that queue (abortonclose), so a
    // thawed app is not left chewing through work nobody waits for.
    `  timeout queue ${lb.serverTimeoutMs}ms`,
    '  option abortonclose',
    `  timeout check ${lb.checkIntervalMs}ms`,
    '  timeout http-keep-alive 10s',
    `  retries ${lb.retries}`,
    // Reads are retried when the connection failed or (the fault proxy's accept-then-close when
    // an app is gone) it closed without a byte of answer. Writes are retried only when the
    // connection failed (see the backend's disable-l7-retry): an empty response may follow a
    // commit, and a retried committed write would come back 409 or 503 from another app, a
    // "failure" that in fact happened. Without it, such a write ends 502: unknown, as it is.
    '  retry-on conn-failure empty-response',
    ...(lb.redispatch ? ['  option redispatch 1'] : []),
    '',
    'frontend fe',
    `  bind :${referencePorts.lb}`,
    `  default_backend ${lbBackendName}`,
    '',
    `backend ${lbBackendName}`,
    '  balance roundrobin',
    // Only GET/HEAD (idempotent) get layer-7 retries; connection failures are retried for all.
    '  http-request disable-l7-retry if !METH_GET',
    '  option httpchk GET /healthz',
    '  http-check expect status 200',
    `  default-server check inter ${lb.checkIntervalMs}ms fastinter ${fastInterval}ms downinter ${lb.checkIntervalMs}ms`
      + ` fall ${lb.fall} rise ${lb.rise} maxconn ${lb.maxConnPerApp}${nameServer ? ' resolvers run-network resolve-opts allow-dup-ip' : ''} init-addr last,libc,none`,
    ...backends.map((backend) => `  server ${backend.name} ${backend.host}:${backend.port}`),
    '',
    'listen stats',
    `  bind :${lbStatsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ];
  return lines.join('\n');
}
