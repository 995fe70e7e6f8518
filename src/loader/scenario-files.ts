import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** File names `faultline run <dir>` picks up. */
export const scenarioFilePattern = /\.scenario\.(ts|mts|js|mjs)$/;

/**
 * The scenario files a path names: the file itself, or every `*.scenario.{ts,mts,js,mjs}` under a
 * directory (recursively, sorted, skipping node_modules and dot folders).
 */
export async function findScenarioFiles(path: string): Promise<string[]> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (info.isFile()) return [absolute];
  const found: string[] = [];
  await walk(absolute, found);
  return found.sort();
}

async function walk(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, found);
    else if (scenarioFilePattern.test(entry.name)) found.push(full);
  }
}
