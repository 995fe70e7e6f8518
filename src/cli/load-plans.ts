import { ExitCode } from '../errors.js';
import { findScenarioFiles } from '../loader/scenario-files.js';
import { loadScenario } from '../loader/load-scenario.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import { formatProblem, type Problem } from '../scenario/problems.js';
import { line, type Output } from './output.js';

/**
 * Loads and resolves every scenario a path names. Prints every problem in every file; returns
 * the plans only when all are valid, else the exit code to use.
 */
export async function loadPlans(path: string, output: Output): Promise<{ plans: ScenarioPlan[] } | { exitCode: number }> {
  let files: string[];
  try {
    files = await findScenarioFiles(path);
  } catch (error) {
    line(output.err, `error: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(error)}`);
    return { exitCode: ExitCode.invalidScenario };
  }
  if (files.length === 0) {
    line(output.err, `error: ${path}: no scenario files (*.scenario.ts, *.scenario.js) found`);
    return { exitCode: ExitCode.invalidScenario };
  }
  const plans: ScenarioPlan[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const result = await loadScenario(file);
    if (result.ok) plans.push(result.plan);
    else problems.push(...result.problems);
  }
  const names = new Map<string, string>();
  for (const plan of plans) {
    const other = names.get(plan.name);
    if (other !== undefined) problems.push({ file: plan.file, field: 'name', message: `'${plan.name}' is also the name of ${other}; scenario names must be unique` });
    names.set(plan.name, plan.file ?? '');
  }
  if (problems.length > 0) {
    line(output.err, `invalid scenario${problems.length === 1 ? '' : 's'}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const problem of problems) line(output.err, `  ${formatProblem(problem)}`);
    return { exitCode: ExitCode.invalidScenario };
  }
  return { plans };
}
