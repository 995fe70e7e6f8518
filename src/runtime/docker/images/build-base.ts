import type Dockerode from 'dockerode';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../../../errors.js';
import { followProgress } from './docker-progress.js';
import { debianSuite, listFiles, type ImageRef } from './image-catalog.js';

export const defaultDebianMirror = 'http://deb.debian.org/debian';

/**
 * Builds the base image. Machines that can pull use `FAULTLINE_BASE_FROM` (e.g.
 * `debian:bookworm-slim`) and a Dockerfile; machines without a registry (ours) bootstrap a Debian
 * root file system from packages and import it.
 */
export async function buildBase(docker: Dockerode, base: ImageRef, log: (line: string) => void): Promise<void> {
  const from = process.env.FAULTLINE_BASE_FROM;
  if (from) {
    const stream = await docker.buildImage(
      { context: base.contextDir, src: (await listFiles(base.contextDir)).map((file) => file.slice(base.contextDir.length + 1)) },
      { t: base.tag, buildargs: { DEBIAN_IMAGE: from }, labels: { 'faultline.image': 'base' } },
    );
    await followProgress(docker, stream, log);
    return;
  }
  await bootstrapAndImport(docker, base, log);
}

async function bootstrapAndImport(docker: Dockerode, base: ImageRef, log: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new FaultlineError('building the base image with debootstrap needs root', 'BASE_BUILD_NEEDS_ROOT', 1,
      'run `sudo bash scripts/setup.sh`, or set FAULTLINE_BASE_FROM=debian:bookworm-slim on a machine that can pull images');
  }
  const packages = (await readFile(join(base.contextDir, 'packages.txt'), 'utf8'))
    .split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const mirror = process.env.FAULTLINE_DEBIAN_MIRROR ?? defaultDebianMirror;
  const rootfs = await mkdtemp(join(process.env.FAULTLINE_BUILD_DIR ?? tmpdir(), 'faultline-rootfs-'));
  try {
    log(`debootstrap ${debianSuite} with ${packages.length} packages from ${mirror} (about a minute)`);
    await run('debootstrap', ['--variant=minbase', `--include=${packages.join(',')}`, debianSuite, rootfs, mirror], log);
    log(`importing ${base.tag}`);
    const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tarExit = new Promise<number>((resolve) => tar.on('close', (code) => resolve(code ?? 1)));
    const [repo, tag] = base.tag.split(':') as [string, string];
    const stream = await docker.importImage(tar.stdout, { repo, tag, changes: ['LABEL faultline.image=base', 'CMD ["/bin/bash"]'] } as object);
    await followProgress(docker, stream, () => undefined);
    const code = await tarExit;
    if (code !== 0) throw new Error(`tar exited with ${code}`);
  } finally {
    await rm(rootfs, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line);
      tail.splice(0, Math.max(0, tail.length - 20));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new FaultlineError(`${command} is not installed`, 'TOOL_MISSING', 1, `install it: apt-get install -y ${command}`)
        : error);
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      log(tail.join('\n'));
      reject(new Error(`${command} exited with code ${code}`));
    });
  });
}
