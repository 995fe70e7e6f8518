import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packageRoot } from '../../../package-root.js';
import type { ImageRole } from '../../runtime.js';

/** Roles faultline builds an image for; each has a folder under `fixtures/`. */
export const imageRoles = ['app', 'db', 'redis', 'lb', 'proxy', 'controller'] as const satisfies readonly ImageRole[];
// Fails to compile when the runtime names a role this list (and fixtures/) lacks.
type UnlistedRole = Exclude<ImageRole, (typeof imageRoles)[number]>;
const everyRoleListed: [UnlistedRole] extends [never] ? true : UnlistedRole = true;
void everyRoleListed;
export type { ImageRole };

export const imageRepository = 'faultline';
/** Bump to rebuild every image when the build procedure itself changes. */
const buildRecipeVersion = '1';

export interface ImageRef {
  readonly role: ImageRole | 'base';
  /** Full tag, e.g. `faultline/app:3f9c1a2b4d5e`. */
  readonly tag: string;
  readonly contextDir: string;
}

/**
 * Build inputs that live outside a role's folder: the proxy image carries faultline's own compiled
 * proxy server, so its tag changes when that code does.
 */
const derivedInputs: Partial<Record<ImageRole, string>> = {
  proxy: join(packageRoot(), 'dist', 'proxy'),
};

/** Where a role's derived build input is copied into its build context. */
export function derivedInput(role: ImageRole): { from: string; into: string } | undefined {
  const from = derivedInputs[role];
  return from === undefined ? undefined : { from, into: join(fixturesDir(), role, `${role}-dist`) };
}

export function fixturesDir(): string {
  return join(packageRoot(), 'fixtures');
}

/** Folders whose contents are build inputs but not hashed (they are derived from a lock file). */
const unhashed = new Set(['node_modules', 'proxy-dist']);

/**
 * Content-addressed tags: the base from its package list, suite and mirror-independent recipe;
 * each role from the base tag plus every file in its fixtures folder. Unchanged inputs → same tag.
 */
export async function imageRefs(): Promise<{ base: ImageRef; roles: Record<ImageRole, ImageRef> }> {
  const base = await baseRef();
  const roles = {} as Record<ImageRole, ImageRef>;
  for (const role of imageRoles) {
    const contextDir = join(fixturesDir(), role);
    const derivedFrom = derivedInputs[role];
    const hash = await hashFolder(contextDir, [base.tag, ...(derivedFrom ? [await hashFolder(derivedFrom, [])] : [])]);
    roles[role] = { role, tag: `${imageRepository}/${role}:${hash}`, contextDir };
  }
  return { base, roles };
}

async function baseRef(): Promise<ImageRef> {
  const contextDir = join(fixturesDir(), 'base');
  const hash = await hashFolder(contextDir, [buildRecipeVersion, debianSuite, process.env.FAULTLINE_BASE_FROM ?? 'debootstrap']);
  return { role: 'base', tag: `${imageRepository}/base:${hash}`, contextDir };
}

export const debianSuite = 'bookworm';

async function hashFolder(dir: string, extra: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const item of extra) hash.update(`${item}\0`);
  for (const file of await listFiles(dir)) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** Every file under `dir` (sorted, skipping derived folders); these are the build context. */
export async function listFiles(dir: string, includeDerived = false): Promise<string[]> {
  const files: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (!includeDerived && unhashed.has(entry.name)) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(full);
    }
  };
  await walk(dir);
  return files.sort();
}
