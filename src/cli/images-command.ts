import { ExitCode } from '../errors.js';
import { ensureImages } from '../runtime/docker/images/ensure-images.js';
import { getDocker } from '../runtime/docker/docker-client.js';
import { line, type Output } from './output.js';

/** `faultline images build [--force]`: builds faultline's images where missing. */
export async function imagesCommand(options: { force: boolean }, output: Output): Promise<number> {
  const docker = await getDocker();
  const began = performance.now();
  const result = await ensureImages(docker, { force: options.force, log: (text) => line(output.err, `  ${text}`) });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  for (const tag of result.reused) line(output.out, `up to date  ${tag}`);
  for (const tag of result.built) line(output.out, `built       ${tag}`);
  line(output.out, `images ready in ${seconds}s`);
  return ExitCode.passed;
}
