import type Dockerode from 'dockerode';
import { buildBase } from './build-base.js';
import { buildRole } from './build-role.js';
import { imageRefs, imageRoles, type ImageRef, type ImageRole } from './image-catalog.js';

export interface EnsureImagesResult {
  readonly tags: Record<ImageRole, string>;
  readonly built: readonly string[];
  readonly reused: readonly string[];
}

/**
 * Makes sure faultline's images exist, building only what is missing (or everything with
 * `force`). Tags are content hashes, so a reused image is always up to date.
 */
export async function ensureImages(docker: Dockerode, options: { roles?: readonly ImageRole[]; force?: boolean; log: (line: string) => void }): Promise<EnsureImagesResult> {
  const refs = await imageRefs();
  const roles = options.roles ?? imageRoles;
  if (roles.length === 0 && (options.force || !await imageExists(docker, refs.base.tag))) {
    options.log(`building ${refs.base.tag}`);
    await buildBase(docker, refs.base, options.log);
    return { tags: tagsOf(refs), built: [refs.base.tag], reused: [] };
  }
  const built: string[] = [];
  const reused: string[] = [];
  const missingRoles: ImageRef[] = [];
  for (const role of roles) {
    const ref = refs.roles[role];
    if (!options.force && await imageExists(docker, ref.tag)) reused.push(ref.tag);
    else missingRoles.push(ref);
  }
  if (missingRoles.length > 0) {
    if (options.force || !await imageExists(docker, refs.base.tag)) {
      options.log(`building ${refs.base.tag}`);
      await buildBase(docker, refs.base, options.log);
      built.push(refs.base.tag);
    }
    for (const ref of missingRoles) {
      options.log(`building ${ref.tag}`);
      await buildRole(docker, ref, refs.base, options.log);
      built.push(ref.tag);
    }
  }
  return { tags: tagsOf(refs), built, reused };
}

function tagsOf(refs: Awaited<ReturnType<typeof imageRefs>>): Record<ImageRole, string> {
  return Object.fromEntries(imageRoles.map((role) => [role, refs.roles[role].tag])) as Record<ImageRole, string>;
}

async function imageExists(docker: Dockerode, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}
