/**
 * Runs every benchmark in turn. Benchmarks print ratios measured side by side in one run; they
 * never gate CI on absolute times.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const only = process.argv[2];
const suites = ['harness', 'proxy', 'dr'].filter((name) => existsSync(join(here, name)) && (only === undefined || only === name));
let failed = false;
for (const suite of suites) {
  for (const file of readdirSync(join(here, suite)).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort()) {
    console.log(`\n== ${suite}/${file}`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, suite, file)], { stdio: 'inherit' });
    if (result.status !== 0) failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
