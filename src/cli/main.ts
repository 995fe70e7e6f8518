import { parseArgs } from 'node:util';
import { ExitCode, FaultlineError } from '../errors.js';
import { DockerRuntime } from '../runtime/docker/docker-runtime.js';
import { cleanupCommand } from './cleanup-command.js';
import { compareCommand, parseMaxRegression } from './compare-command.js';
import { imagesCommand } from './images-command.js';
import { listCommand } from './list-command.js';
import { proxyCommand } from './proxy-command.js';
import { line, type Output } from './output.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

const usage = `faultline — chaos and disaster-recovery tests with SLO verdicts

Usage:
  faultline run <file|dir> [--reports <dir>] [--baseline <dir> [--max-regression 20%]]
                                               run scenarios (exit 0 pass, 99 SLO missed or regressed, 104 invalid, 105 interrupted, 1 error)
  faultline compare <baseline> <run> [--max-regression 20%]
                                               compare two runs (run directories or result.json) figure by figure; exit 99 on a regression
  faultline validate <file|dir>                check scenarios and show their plans
  faultline list [dir]                         list scenarios (default: ./scenarios)
  faultline cleanup [--all]                    remove containers, networks and volumes left by runs whose harness is gone
  faultline images build [--force] [--base-only]
                                               build faultline's container images where missing
  faultline proxy [--host H] [--port P] [--config F]
                                               run the Toxiproxy-compatible fault proxy (API on 127.0.0.1:8474)
  faultline help                               this text
`;

/** The CLI entry: parses argv, runs one command, returns the exit code. */
export async function main(argv: readonly string[], output: Output, signal: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { reports: { type: 'string', default: 'reports' }, baseline: { type: 'string' }, 'max-regression': { type: 'string' } } });
        const target = requirePath(positionals, 'run');
        if (values['max-regression'] !== undefined && values.baseline === undefined) throw new UsageError('--max-regression needs --baseline <dir>: the runs to compare with');
        const baseline = values.baseline === undefined ? undefined : { path: values.baseline, maxRegression: parseMaxRegression(values['max-regression'] ?? '20%') };
        const runtime = new DockerRuntime({ onImageProgress: (text) => line(output.err, `  image: ${text}`) });
        return await runCommand(target, { reportsDir: values.reports, ...(baseline ? { baseline } : {}) }, runtime, signal, output);
      }
      case 'compare': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'max-regression': { type: 'string', default: '20%' } } });
        if (positionals.length !== 2) throw new UsageError('faultline compare needs two runs: <baseline> <run> (each a run directory or a result.json)');
        return compareCommand(positionals[0]!, positionals[1]!, parseMaxRegression(values['max-regression']), output);
      }
      case 'validate':
        return await validateCommand(requirePath(parseArgs({ args: rest, allowPositionals: true }).positionals, 'validate'), output);
      case 'list':
        return await listCommand(parseArgs({ args: rest, allowPositionals: true }).positionals[0] ?? 'scenarios', output);
      case 'cleanup': {
        const { values } = parseArgs({ args: rest, options: { all: { type: 'boolean', default: false } } });
        return await cleanupCommand(new DockerRuntime(), { all: values.all }, output);
      }
      case 'images': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean', default: false }, 'base-only': { type: 'boolean', default: false } } });
        if ((positionals[0] ?? 'build') !== 'build') throw new UsageError(`unknown images subcommand '${positionals[0]}'; allowed: build`);
        return await imagesCommand({ force: values.force, baseOnly: values['base-only'] }, output);
      }
      case 'proxy': {
        const { values } = parseArgs({ args: rest, options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8474' }, config: { type: 'string' } } });
        const port = Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number from 0 to 65535, got '${values.port}'`);
        return await proxyCommand({ host: values.host, port, config: values.config }, signal, output);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.out.write(usage);
        return command === undefined ? ExitCode.harnessError : ExitCode.passed;
      default:
        throw new UsageError(`unknown command '${command}'; allowed: run, compare, validate, list, cleanup, images, proxy, help`);
    }
  } catch (error) {
    return reportError(error, output);
  }
}

class UsageError extends FaultlineError {
  constructor(message: string) {
    super(message, 'USAGE', ExitCode.harnessError, 'run `faultline help` for usage');
  }
}

function requirePath(positionals: readonly string[], command: string): string {
  const path = positionals[0];
  if (path === undefined) throw new UsageError(`faultline ${command} needs a scenario file or directory`);
  return path;
}

function reportError(error: unknown, output: Output): number {
  if (error instanceof FaultlineError) {
    line(output.err, `error: ${error.message}`);
    if (error.hint) line(output.err, `hint: ${error.hint}`);
    return error.exitCode;
  }
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    line(output.err, `error: ${(error as Error).message}`);
    line(output.err, 'hint: run `faultline help` for usage');
    return ExitCode.harnessError;
  }
  line(output.err, `error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return ExitCode.harnessError;
}
