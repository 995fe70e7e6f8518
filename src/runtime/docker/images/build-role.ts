import type Dockerode from 'dockerode';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { followProgress } from './docker-progress.js';
import { derivedInput, listFiles, type ImageRef } from './image-catalog.js';

/** Builds one role image from its Dockerfile under `fixtures/<role>/`, on top of the base. */
export async function buildRole(docker: Dockerode, role: ImageRef, base: ImageRef, log: (line: string) => void): Promise<void> {
  await prepareContext(role.contextDir, log);
  await copyDerivedInput(role);
  const files = (await listFiles(role.contextDir, true)).map((file) => relative(role.contextDir, file));
  const stream = await docker.buildImage(
    { context: role.contextDir, src: files },
    { t: role.tag, buildargs: { BASE_IMAGE: base.tag }, labels: { 'faultline.image': role.role }, rm: true, forcerm: true },
  );
  await followProgress(docker, stream, (line) => {
    if (line.startsWith('Successfully built')) log(line);
  });
}

/**
 * Copies compiled faultline code into the build context (the proxy image runs dist/proxy), with a
 * package.json that marks the files as ES modules for the image's Node.
 */
async function copyDerivedInput(role: ImageRef): Promise<void> {
  const derived = role.role === 'base' ? undefined : derivedInput(role.role);
  if (!derived) return;
  if (!existsSync(derived.from)) throw new Error(`${derived.from} is missing: run \`npm run build\` first`);
  await rm(derived.into, { recursive: true, force: true });
  await cp(derived.from, derived.into, { recursive: true, filter: (path) => !path.endsWith('.map') && !path.endsWith('.d.ts') });
  await writeFile(join(derived.into, 'package.json'), '{ "type": "module" }\n');
}

/** A folder with a package-lock.json gets its production dependencies installed on the host. */
async function prepareContext(dir: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(join(dir, 'package-lock.json')) || existsSync(join(dir, 'node_modules'))) return;
  log(`npm ci --omit=dev in ${dir}`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`npm ci in ${dir} failed (${code}): ${stderr.slice(-500)}`)));
  });
}
