import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, repoRoot } from './_cli.js';

describe('faultline CLI without Docker', () => {
  it('should exit 104 and list every problem of every invalid file', async () => {
    const result = await faultline(['validate', join(repoRoot, 'test/fixtures/invalid')]);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(/invalid scenarios: \d+ problems/);
    expect(result.stderr).toContain('negative-duration.scenario.ts: load.duration: must not be negative');
    expect(result.stderr).toContain('unknown-service.scenario.ts: timeline[0].fault.target: must be one of');
  });

  it('should refuse to run an invalid scenario with 104 before touching Docker', async () => {
    const result = await faultline(['run', join(repoRoot, 'test/fixtures/invalid/zero-rate.scenario.ts')], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.code).toBe(104);
    expect(result.stderr).toContain('load.rate');
  });

  it('should treat a scenario whose own code throws as invalid: exit 104, the file named, no stack trace', async () => {
    for (const name of ['throws-at-import', 'throwing-getter', 'throws-a-string']) {
      const file = join(repoRoot, `test/fixtures/invalid/${name}.scenario.ts`);
      for (const command of ['validate', 'run']) {
        const result = await faultline([command, file], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
        expect(result.code, `${command} ${name}: ${result.stderr}`).toBe(104);
        expect(result.stderr).toContain(`${file}: `);
        expect(result.stderr).not.toMatch(/^\s+at /m);
      }
    }
  });

  it('should validate the shipped scenarios', async () => {
    const result = await faultline(['validate', 'scenarios']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('app-replica-kill: valid');
  });

  it('should load a scenario that lives outside the repository and imports faultline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-outside-'));
    const file = join(dir, 'mine.scenario.ts');
    writeFileSync(file, `import { defineScenario, pause } from 'faultline';
export default defineScenario({ name: 'mine', load: { rate: 20, duration: '10s' }, timeline: [{ at: '2s', fault: pause('redis', '1s') }] });
`);
    const result = await faultline(['validate', file], {}, dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fault-1:  at 2s: pause redis for 1s');
  });

  it('should say clearly when no Docker engine is reachable, with exit code 1', async () => {
    const result = await faultline(['run', 'scenarios/app-replica-kill.scenario.ts'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('no Docker engine is reachable');
  });

  it('should exit 1 with usage help on an unknown command', async () => {
    const result = await faultline(['explode']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command 'explode'; allowed: run, compare, validate, list, cleanup, images, proxy, help");
  });

  it('should fail with 104 for a path that does not exist', async () => {
    const result = await faultline(['validate', 'no/such/dir']);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain('no/such/dir: no such file or directory');
  });
});

describe('faultline list and faultline proxy', () => {
  it('should list every shipped scenario with its name and description', async () => {
    const result = await faultline(['list', 'scenarios']);
    expect(result.code).toBe(0);
    for (const name of ['app-replica-kill', 'all-replicas-kill', 'redis-latency', 'db-link-partition', 'redis-kill', 'db-primary-kill-semisync', 'db-primary-kill-async', 'db-primary-isolate']) {
      expect(result.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    }
  });

  it('should run a Toxiproxy-compatible server that toxiproxy-node-client drives, until SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { Toxiproxy } = await import('toxiproxy-node-client');
    const child = spawn(process.execPath, [join(repoRoot, 'bin/faultline.js'), 'proxy', '--port', '0'], { cwd: repoRoot });
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
    });
    const toxiproxy = new Toxiproxy(url);
    expect(await toxiproxy.getVersion()).toBe('{"version": "2.12.0-faultline"}\n');
    const proxy = await toxiproxy.createProxy({ name: 'app-1->redis', listen: '127.0.0.1:0', upstream: '127.0.0.1:6379' });
    expect(proxy.name).toBe('app-1->redis');
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
