/**
 * Run as a child process by volume-cleanup.test.ts: creates a run with a named volume and a
 * container that holds it, then exits without tearing anything down, as a harness killed
 * mid-run would. Its labels name this process, which is gone once it exits.
 */
import { DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';

const [runId, image] = process.argv.slice(2);
if (!runId || !image) throw new Error('usage: _abandon-run.ts <run id> <image>');
const env = await new DockerRuntime().createRun(runId);
await env.createVolume('data');
await env.start({
  name: 'holder', role: 'cache', image,
  readiness: { kind: 'command', command: ['true'] },
  mounts: [{ kind: 'volume', source: 'data', target: '/data' }],
});
process.stdout.write('abandoned\n');
process.exit(0);
