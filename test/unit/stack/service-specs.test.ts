import { describe, expect, it } from 'vitest';
import type { NetworkAddress, RunNetwork, ServiceSpec } from '../../../src/runtime/runtime.js';
import { resolveScenario } from '../../../src/resolve-scenario.js';
import type { ScenarioInput } from '../../../src/scenario/types.js';
import { serviceSpec } from '../../../src/stack/service-specs.js';

/** A runtime whose services live at made-up addresses: nothing may assume a service is at its name. */
const network: RunNetwork = {
  addressOf: (service, port) => ({ host: `${service}.run.test`, port: port + 1 }),
  nameServer: { host: '10.9.9.9', port: 5353 },
};
const images = { app: 'app-image', redis: 'redis-image', db: 'db-image', lb: 'lb-image', proxy: 'proxy-image', controller: 'controller-image' };

function specs(stack: ScenarioInput['stack'], on: RunNetwork = network): Map<string, ServiceSpec> {
  const resolved = resolveScenario({ name: 'specs', stack, load: { rate: 1, duration: '1s' } });
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  const plan = resolved.plan.stack;
  return new Map(plan.services.map((service) => [service.name, serviceSpec(service, plan, images, on)]));
}

const at = (address: NetworkAddress): string => `${address.host}:${address.port}`;

describe('service specs', () => {
  it('should point apps at redis and the database through the addresses the runtime gives, without a proxy', () => {
    const app = specs({ app: { replicas: 1 }, proxy: { enabled: false } }).get('app-1')!;
    expect(app.env).toMatchObject({ REDIS_HOST: 'redis.run.test', REDIS_PORT: '6380', DB_HOST: 'db-1.run.test', DB_PORT: '3307' });
  });

  it('should route apps through the proxy\'s in-network address for their links', () => {
    const all = specs({ app: { replicas: 1 } });
    const app = all.get('app-1')!;
    expect(app.env?.REDIS_HOST).toBe('proxy.run.test');
    const upstreams = JSON.parse(all.get('proxy')!.files![0]!.content) as { name: string; upstream: string }[];
    expect(upstreams.find((u) => u.name === 'app-1->redis')?.upstream).toBe(at(network.addressOf('redis', 6379)));
    expect(upstreams.find((u) => u.name === 'lb->app-1')?.upstream).toBe(at(network.addressOf('app-1', 8080)));
  });

  it('should give HAProxy the runtime\'s backends and name server, and no resolvers section when there is none', () => {
    const cfg = (on: RunNetwork): string => specs({ app: { replicas: 2 }, proxy: { enabled: false } }, on).get('lb')!.files![0]!.content;
    const withDns = cfg(network);
    expect(withDns).toContain('  server app-1 app-1.run.test:8081');
    expect(withDns).toContain('  nameserver dns 10.9.9.9:5353');
    expect(withDns).toContain('resolvers run-network resolve-opts allow-dup-ip');
    const withoutDns = cfg({ ...network, nameServer: undefined });
    expect(withoutDns).not.toContain('resolvers');
    expect(withoutDns).toContain('  server app-2 app-2.run.test:8081');
  });

  it('should give the controller and the database nodes each other\'s in-network addresses', () => {
    const all = specs({ app: { replicas: 1 }, db: { replication: 'async' } });
    const controller = all.get('controller')!.env!;
    expect(JSON.parse(controller.NODES!)).toEqual([
      { name: 'db-1', host: 'db-1.run.test', port: 3307 },
      { name: 'db-2', host: 'db-2.run.test', port: 3307 },
    ]);
    expect(controller.PROXY_API).toBe('http://proxy.run.test:8475');
    const routes = JSON.parse(controller.REPLICATION_ROUTES!) as Record<string, Record<string, NetworkAddress>>;
    expect(routes['db-2']?.['db-1']?.host).toBe('proxy.run.test');
    const db1 = all.get('db-1')!.env!;
    expect(db1.CONTROLLER_URL).toBe('http://controller.run.test:8091');
    expect(db1.NODE_PEERS).toBe('db-2.run.test:3307');
  });

  it('should say which role had no prepared image', () => {
    const resolved = resolveScenario({ name: 'specs', load: { rate: 1, duration: '1s' } });
    if (!resolved.ok) throw new Error('bad plan');
    const redis = resolved.plan.stack.services.find((s) => s.name === 'redis')!;
    expect(() => serviceSpec(redis, resolved.plan.stack, { app: 'a' }, network)).toThrow("no image was prepared for role 'redis' (needed by redis)");
  });
});
