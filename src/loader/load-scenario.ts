import { createRequire, register } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Problem } from '../scenario/problems.js';
import { resolveScenario, type ResolveResult } from '../resolve-scenario.js';

let hookRegistered = false;

/**
 * Lets scenario files anywhere on disk `import … from 'faultline'`, even where faultline is not
 * installed: such an import falls back to the faultline that is running. tsx compiles a `.ts`
 * file outside an ESM package to CommonJS, so both resolvers need the fallback.
 */
function registerFaultlineResolution(): void {
  if (hookRegistered) return;
  hookRegistered = true;
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`../index${ext}`, import.meta.url);
  const cjs = createRequire(import.meta.url)('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function resolveFaultline(this: unknown, request: string, ...rest: unknown[]): string {
    try {
      return original.call(this, request, ...rest);
    } catch (error) {
      if (request === 'faultline') return fileURLToPath(entry);
      throw error;
    }
  };
  if (ext !== '.js') return; // from TypeScript sources (tests) Node cannot load a .ts hook
  register(new URL('./faultline-resolve-hook.js', import.meta.url), import.meta.url, { data: { faultlineUrl: entry.href } });
}

/**
 * Imports a scenario file (TypeScript or JavaScript) and resolves its default export.
 * Import failures become a problem naming the file, like validation errors.
 */
export async function loadScenario(file: string): Promise<ResolveResult> {
  registerFaultlineResolution();
  let module: { default?: unknown };
  try {
    module = await tsImport(pathToFileURL(file).href, import.meta.url) as { default?: unknown };
  } catch (error) {
    return failure(file, 'file', `could not be loaded: ${describeThrown(error)}`);
  }
  // Reading the export runs the user's code too (getters, proxies): whatever it throws is a
  // problem with the scenario, reported like one, never a crash with a stack trace.
  try {
    // tsImport of a CommonJS-shaped file nests the export one level down.
    let exported = module.default;
    if (exported !== null && typeof exported === 'object' && 'default' in exported && !('name' in exported)) {
      exported = (exported as { default: unknown }).default;
    }
    if (exported === undefined) {
      return failure(file, 'export default', 'is missing: a scenario file must `export default defineScenario({ ... })`');
    }
    return resolveScenario(exported, file);
  } catch (error) {
    return failure(file, 'export default', `could not be read: reading it threw ${describeThrown(error)}`);
  }
}

/** The first line of what was thrown, whatever was thrown (an Error, a string, null). */
function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message.split('\n')[0]}`;
  try {
    return String(error);
  } catch {
    return 'a value that cannot be shown';
  }
}

function failure(file: string, field: string, message: string): ResolveResult {
  const problem: Problem = { file, field, message };
  return { ok: false, problems: [problem] };
}
