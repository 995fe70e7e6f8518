import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/loader/load-scenario.js';
import { formatProblem } from '../../../src/scenario/problems.js';

const dir = join(import.meta.dirname, '../../fixtures/invalid');
const files = readdirSync(dir).filter((name) => name.endsWith('.scenario.ts')).sort();

/** Each fixture is one bad shape; its first line says which problem it must produce. */
describe('invalid scenario fixtures', () => {
  it('should have fixtures', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  for (const name of files) {
    it(`should reject ${name} naming the file, the field and what is allowed`, async () => {
      const file = join(dir, name);
      const expected = /^\/\/ expect: (.*)$/m.exec(readFileSync(file, 'utf8'))?.[1];
      expect(expected, 'fixture needs an "// expect:" line').toBeDefined();
      const result = await loadScenario(file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const messages = result.problems.map(formatProblem);
      expect(messages.some((message) => message.includes(expected!)), messages.join('\n')).toBe(true);
      for (const problem of result.problems) expect(problem.file).toBe(file);
    });
  }
});
