import { ExitCode } from '../errors.js';
import { findScenarioFiles } from '../loader/scenario-files.js';
import { loadScenario } from '../loader/load-scenario.js';
import { relative } from 'node:path';
import { line, type Output } from './output.js';

/** `faultline list [dir]`: every scenario under a folder, with its name and description. */
export async function listCommand(path: string, output: Output): Promise<number> {
  let files: string[];
  try {
    files = await findScenarioFiles(path);
  } catch {
    line(output.err, `error: ${path}: no such file or directory`);
    return ExitCode.invalidScenario;
  }
  let invalid = 0;
  for (const file of files) {
    const result = await loadScenario(file);
    const shown = relative(process.cwd(), file) || file;
    if (result.ok) {
      line(output.out, `${result.plan.name.padEnd(32)} ${shown}${result.plan.description ? `  — ${result.plan.description}` : ''}`);
    } else {
      invalid++;
      line(output.out, `${'(invalid)'.padEnd(32)} ${shown}  — ${result.problems.length} problem(s); run faultline validate ${shown}`);
    }
  }
  if (files.length === 0) line(output.err, `no scenario files under ${path}`);
  return invalid > 0 ? ExitCode.invalidScenario : ExitCode.passed;
}
