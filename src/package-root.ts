import { fileURLToPath } from 'node:url';

/** The faultline package's own folder (works from `src/` under tsx/vitest and from `dist/`). */
export function packageRoot(): string {
  return fileURLToPath(new URL('..', import.meta.url));
}
