import type Dockerode from 'dockerode';
import { PassThrough } from 'node:stream';
import type { ExecResult } from '../runtime.js';

/** Runs a command in a container and collects its output and exit code. */
export async function dockerExec(docker: Dockerode, containerId: string, command: readonly string[], timeoutMs = 30_000): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough().on('data', (chunk: Buffer) => out.push(chunk));
  const stderr = new PassThrough().on('data', (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`exec ${command.join(' ')} timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    stream.on('end', () => { clearTimeout(timer); resolve(); });
    stream.on('close', () => { clearTimeout(timer); resolve(); });
    stream.on('error', (error) => { clearTimeout(timer); reject(error); });
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Splits Docker's multiplexed log format (8-byte frame headers) into text. */
export function demuxLogs(buffer: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + length).toString('utf8');
    offset += 8 + length;
  }
  return offset === 0 && buffer.length > 0 ? buffer.toString('utf8') : text;
}
