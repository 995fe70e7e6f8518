import { ExitCode } from '../errors.js';
import { ensureImages } from '../runtime/docker/images/ensure-images.js';
import { getDocker } from '../runtime/docker/docker-client.js';
import { line, type Output } from './output.js';

/**
 * `faultline images build [--force] [--base-only]`: builds faultline's images where missing.
 * `--base-only` builds just the Debian base (the one step that needs root, for debootstrap).
 */
export async function imagesCommand(options: { force: boolean; baseOnly: boolean }, output: Output): Promise<number> {
  const docker = await getDocker();
  const began = performance.now();
  const result = await ensureImages(docker, { force: options.force, ...(options.baseOnly ? { roles: [] } : {}), log: (text) => line(output.err, `  ${text}`) });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  for (const tag of result.reused) line(output.out, `up to date  ${tag}`);
  for (const tag of result.built) line(output.out, `built       ${tag}`);
  line(output.out, `images ready in ${seconds}s`);
  return ExitCode.passed;
}
