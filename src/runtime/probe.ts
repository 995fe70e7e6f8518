import { request } from 'node:http';
import type { Endpoint, ExecResult, ReadinessProbe } from './runtime.js';

export interface ProbeContext {
  endpoint(port: number): Promise<Endpoint>;
  exec(command: readonly string[]): Promise<ExecResult>;
}

/** Runs a readiness probe once: true when it passes. */
export async function runProbe(probe: ReadinessProbe, context: ProbeContext): Promise<boolean> {
  if (probe.kind === 'http') {
    const endpoint = await context.endpoint(probe.port);
    const status = await httpStatus(endpoint, probe.path, 1000);
    return status >= 200 && status < 300;
  }
  const result = await context.exec(probe.command);
  return result.exitCode === 0;
}

/** GETs a path on a loopback endpoint and returns the status code (0 on any error). */
export function httpStatus(endpoint: Endpoint, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: endpoint.host, port: endpoint.port, path, method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}
