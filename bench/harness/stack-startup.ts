/**
 * Time from `run` to a healthy reference stack (images already built, so warm): faultline's
 * dependency-parallel start beside a strictly sequential start of the same services, in one run.
 */
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { promote } from '../../src/stack/db-admin.js';
import { startReferenceStack } from '../../src/stack/reference-stack.js';
import { imagesNeeded } from '../../src/stack/images-needed.js';
import { serviceSpec } from '../../src/stack/service-specs.js';
import { resolveScenario } from '../../src/resolve-scenario.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  const resolved = resolveScenario({ name: 'bench', stack: { app: { replicas: 3 } }, load: { rate: 1, duration: '1s' } });
  if (!resolved.ok) throw new Error('bad plan');
  const stack = resolved.plan.stack;
  const runtime = new DockerRuntime();
  const images = await runtime.prepareImages(imagesNeeded(stack));
  const parallel: number[] = [];
  const sequential: number[] = [];
  for (let round = 0; round < rounds; round++) {
    {
      const env = await runtime.createRun(`bench-par-${process.pid}-${round}`);
      const began = performance.now();
      await startReferenceStack(stack, images, env);
      parallel.push(performance.now() - began);
      await env.teardown();
    }
    {
      const env = await runtime.createRun(`bench-seq-${process.pid}-${round}`);
      const began = performance.now();
      for (const service of stack.services) {
        const handle = await env.start(serviceSpec(service, stack, images, env));
        if (service.name === 'db-1') await promote(handle);
      }
      sequential.push(performance.now() - began);
      await env.teardown();
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`stack start-up, ${stack.services.length} services (${stack.services.map((s) => s.name).join(", ")}), warm images, median of ${rounds}`);
  console.log(`  faultline (parallel where dependencies allow): ${(median(parallel) / 1000).toFixed(2)} s`);
  console.log(`  sequential, same services:                      ${(median(sequential) / 1000).toFixed(2)} s`);
  console.log(`  ratio parallel / sequential: ${(median(parallel) / median(sequential)).toFixed(2)}`);
}

await main();
