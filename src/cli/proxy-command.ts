import { loadProxyConfig, startProxyServer } from '../proxy/index.js';
import { ExitCode, FaultlineError } from '../errors.js';
import { line, type Output } from './output.js';

export interface ProxyCommandOptions {
  readonly host: string;
  readonly port: number;
  readonly config: string | undefined;
}

/**
 * `faultline proxy`: faultline's Toxiproxy-compatible server on its own, a drop-in Toxiproxy for
 * any client. Runs until Ctrl-C or SIGTERM.
 */
export async function proxyCommand(options: ProxyCommandOptions, signal: AbortSignal, output: Output): Promise<number> {
  let server: Awaited<ReturnType<typeof startProxyServer>>;
  let config: Awaited<ReturnType<typeof loadProxyConfig>> | undefined;
  try {
    config = options.config === undefined ? undefined : await loadProxyConfig(options.config);
    server = await startProxyServer({
      host: options.host,
      port: options.port,
      ...(config === undefined ? {} : { config }),
      log: (text) => line(output.err, text),
    });
  } catch (error) {
    throw new FaultlineError(`the proxy did not start: ${error instanceof Error ? error.message : String(error)}`, 'PROXY_START', ExitCode.harnessError,
      'pick another --port, or fix the --config file (a JSON array of {name, listen, upstream, enabled})');
  }
  line(output.out, `faultline proxy: Toxiproxy API on ${server.url}${config ? ` with ${config.length} proxies from ${options.config}` : ''} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  return ExitCode.passed;
}
