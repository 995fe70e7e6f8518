#!/usr/bin/env node
/**
 * Runs the fault proxy as a process, flag-compatible with `toxiproxy-server`:
 * `node dist/proxy/standalone.js -host 0.0.0.0 -port 8474 -config proxies.json`.
 * Logs one line when the API is ready and exits cleanly on SIGTERM / SIGINT.
 */
import { loadProxyConfig } from './config.js';
import { ProxyServerError } from './errors.js';
import { DEFAULT_PROXY_VERSION, startProxyServer } from './server.js';
import { parseStandaloneArgs, USAGE, UsageError } from './standalone-args.js';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseStandaloneArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.printVersion) {
    process.stdout.write(`toxiproxy-server version ${DEFAULT_PROXY_VERSION}\n`);
    return 0;
  }
  const config = args.config === undefined ? undefined : await loadProxyConfig(args.config);
  const server = await startProxyServer({
    host: args.host,
    port: args.port,
    ...(config === undefined ? {} : { config }),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.stdout.write(`faultline proxy received ${signal}, shutting down\n`);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const hint = error instanceof ProxyServerError && error.hint !== undefined ? `\nhint: ${error.hint}` : '';
    process.stderr.write(`faultline proxy: ${error instanceof Error ? error.message : String(error)}${hint}\n`);
    process.exitCode = 1;
  },
);
