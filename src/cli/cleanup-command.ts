import { ExitCode } from '../errors.js';
import type { Runtime } from '../runtime/runtime.js';
import { line, type Output } from './output.js';

/** `faultline cleanup [--all]`: removes what runs left behind, found by their labels. */
export async function cleanupCommand(runtime: Runtime, options: { all: boolean }, output: Output): Promise<number> {
  const report = await runtime.cleanup({ all: options.all });
  if (report.runs.length === 0) {
    line(output.out, options.all ? 'nothing to clean up: no faultline resources found' : 'nothing to clean up: no leftovers of finished runs (use --all to remove runs still in progress too)');
  } else {
    line(output.out, `removed ${report.containersRemoved} container(s), ${report.networksRemoved} network(s) and ${report.volumesRemoved} volume(s) of ${report.runs.length} run(s): ${report.runs.join(', ')}`);
  }
  const remaining = await runtime.listRuns();
  for (const run of remaining) {
    line(output.out, `still present: ${run.runId} (${run.containers} containers, ${run.networks} networks, ${run.volumes} volumes) — its harness is still running; use --all to remove it`);
  }
  return ExitCode.passed;
}
