import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './_cli.js';

describe('.ci/run', () => {
  it('should set up, then typecheck and lint, then run the README test command, failing on the first error', () => {
    const script = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    const commands = script.split('\n').map((line) => line.trim()).filter((line) => /^(bash scripts\/setup\.sh|npm )/.test(line));
    expect(commands).toEqual(['bash scripts/setup.sh', 'npm run typecheck', 'npm run lint', 'npm test']);
    expect(script).toContain('set -euo pipefail');
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain('bash scripts/setup.sh && npm test');
  });
});
