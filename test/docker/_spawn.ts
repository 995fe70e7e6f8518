import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = join(import.meta.dirname, '../..');

export interface Spawned {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly exit: Promise<number | null>;
}

/** Starts `faultline <args>` (the built CLI) as a user would. */
export function spawnFaultline(args: readonly string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/faultline.js'), ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

/**
 * `faultline run <args>`, run once more if the harness voided the run because its own load
 * generator fell behind (verdict unknown, exit 1, the reason naming the generator). That is a
 * run with no verdict on the system, which a CI user would simply repeat; any other outcome
 * stands. The voided run's reports are removed first, so `--reports` holds one run.
 */
export function runScenarioCli(args: readonly string[]): Spawned {
  const first = spawnFaultline(['run', ...args]);
  let current = first;
  const exit = first.exit.then(async (code) => {
    const voided = code === 1 && /reason {4}the load generator fell behind its schedule/.test(first.output());
    if (!voided) return code;
    const at = args.indexOf('--reports');
    const reports = at >= 0 ? args[at + 1] : undefined;
    if (reports && existsSync(reports)) for (const run of readdirSync(reports)) rmSync(join(reports, run), { recursive: true, force: true });
    current = spawnFaultline(['run', ...args]);
    return current.exit;
  });
  return {
    get child() { return current.child; },
    output: () => current === first ? first.output() : `[first run voided: the load generator fell behind; run again]\n${current.output()}`,
    exit,
  };
}

/** The journal of the only run under `reportsDir`, parsed. */
export function journal(reportsDir: string): { type: string; [key: string]: unknown }[] {
  const runs = existsSync(reportsDir) ? readdirSync(reportsDir) : [];
  if (runs.length === 0) return [];
  const path = join(reportsDir, runs[0]!, 'journal.ndjson');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string });
}

/** Waits until the journal has an entry of `type`. */
export async function waitForJournal(reportsDir: string, type: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (journal(reportsDir).some((entry) => entry.type === type)) return;
    await sleep(200);
  }
  throw new Error(`no '${type}' in the journal after ${timeoutMs}ms`);
}
