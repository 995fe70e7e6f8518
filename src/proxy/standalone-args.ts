/** Parsed command line of the standalone server. */
export interface StandaloneArgs {
  readonly host: string;
  readonly port: number;
  readonly config: string | undefined;
  readonly printVersion: boolean;
  readonly help: boolean;
}

/** A command line Go's `flag` package would reject; exit code 2 as Go's. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = new Set(['host', 'port', 'config', 'seed']);
const BOOL_FLAGS = new Set(['version', 'runtime-metrics', 'proxy-metrics', 'help', 'h']);

export const USAGE = `usage: standalone.js [-host 127.0.0.1] [-port 8474] [-config proxies.json] [-version]
  -host      interface the HTTP API listens on (default 127.0.0.1)
  -port      API port, 0 for a free one (default 8474)
  -config    JSON array of proxies to create at startup (Toxiproxy -config format)
  -version   print the version and exit
Flags may be written -flag value, -flag=value, --flag value or --flag=value, as Toxiproxy's.
-seed, -runtime-metrics and -proxy-metrics are accepted for compatibility and ignored.`;

/** Parses Toxiproxy-server style flags (Go `flag` syntax: one or two dashes, `=` optional). */
export function parseStandaloneArgs(argv: readonly string[]): StandaloneArgs {
  const values = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const match = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (match === null) break; // Go stops at the first non-flag argument.
    const name = match[1] ?? '';
    const inline = match[2];
    if (BOOL_FLAGS.has(name)) {
      if (inline === undefined || inline === 'true' || inline === '1') bools.add(name);
      else if (inline !== 'false' && inline !== '0') throw new UsageError(`invalid boolean value "${inline}" for -${name}`);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new UsageError(`flag provided but not defined: -${name}`);
    const value = inline ?? argv[i + 1];
    if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
    if (inline === undefined) i += 1;
    values.set(name, value);
  }
  const portText = values.get('port') ?? '8474';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new UsageError(`invalid value "${portText}" for flag -port`);
  return {
    host: values.get('host') ?? '127.0.0.1',
    port,
    config: values.get('config'),
    printVersion: bools.has('version'),
    help: bools.has('help') || bools.has('h'),
  };
}
