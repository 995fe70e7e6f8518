import * as net from 'node:net';
import { onTestFinished } from 'vitest';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer, type ProxyServerOptions, type StartedProxyServer } from '../../../src/proxy/index.js';

/** A proxy server on an ephemeral port plus a toxiproxy-node-client pointed at it. */
export interface Harness {
  readonly server: StartedProxyServer;
  readonly client: Toxiproxy;
  /** Starts a TCP server on 127.0.0.1:0, closed (with its sockets) when the test ends. */
  upstream(onSocket: (socket: net.Socket) => void, options?: net.ServerOpts): Promise<Upstream>;
  /** An upstream that echoes every byte back and closes its side when the client does. */
  echo(): Promise<Upstream>;
  /** Opens a client connection to 127.0.0.1:port, destroyed when the test ends. */
  connect(port: number, options?: { allowHalfOpen?: boolean }): Promise<net.Socket>;
  /** Raw HTTP call to the API (for exact bodies, headers, statuses). */
  api(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<ApiResponse>;
}

export interface Upstream {
  readonly port: number;
  readonly address: string;
  readonly sockets: Set<net.Socket>;
  close(): Promise<void>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Creates a harness for the current test; everything is torn down when the test finishes. */
export async function harness(options: ProxyServerOptions = {}): Promise<Harness> {
  const server = await startProxyServer({ port: 0, ...options });
  const cleanups: (() => Promise<void> | void)[] = [];
  onTestFinished(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server.close();
  });
  const upstream = async (onSocket: (socket: net.Socket) => void, opts: net.ServerOpts = {}): Promise<Upstream> => {
    const sockets = new Set<net.Socket>();
    const srv = net.createServer(opts, (socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
      onSocket(socket);
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    const close = async (): Promise<void> => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    };
    cleanups.push(() => (srv.listening ? close() : undefined));
    return { port, address: `127.0.0.1:${port}`, sockets, close };
  };
  return {
    server,
    client: new Toxiproxy(server.url),
    upstream,
    echo: () => upstream((socket) => socket.pipe(socket)),
    connect: async (port, opts = {}) => {
      const socket = await connectTcp(port, opts);
      // Tests that care about errors listen themselves; the rest must not crash the run.
      socket.on('error', () => {});
      cleanups.push(() => void socket.destroy());
      return socket;
    },
    api: async (method, path, body, headers = {}) => {
      const response = await fetch(`${server.url}${path}`, { method, body: body ?? null, headers });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
  };
}

/** Connects to 127.0.0.1:port. */
export function connectTcp(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: options.allowHalfOpen ?? false }, () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** The port of a Toxiproxy `listen` string (`127.0.0.1:1234`, `[::]:1234`). */
export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1));
}

/** Resolves true if a TCP connect to 127.0.0.1:port succeeds, false if refused. */
export async function isListening(port: number): Promise<boolean> {
  try {
    const socket = await connectTcp(port);
    socket.destroy();
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds (or throws after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
