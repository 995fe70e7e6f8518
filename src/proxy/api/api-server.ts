import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { toApiError } from '../errors.js';
import { dispatch, type ApiState } from './dispatch.js';
import type { Reply } from './reply.js';
import { createRequestIdGenerator } from './request-id.js';
import { cleanPath, matchRoute } from './routes.js';
import { apiErrorJson } from './wire-json.js';

/** Toxiproxy wraps its handlers in `http.TimeoutHandler(…, 25s, "")`. */
const HANDLER_TIMEOUT_MS = 25_000;
/** Larger bodies are refused rather than buffered. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const GO_TIMEOUT_BODY = '<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>';

/**
 * The HTTP API: Toxiproxy's routes, middlewares (request id header, browsers refused) and
 * error formats. Handlers run one at a time, like Toxiproxy's collection locks, so concurrent
 * calls cannot interleave a create with a create of the same name.
 */
export function createApiServer(state: ApiState): Server {
  const nextRequestId = createRequestIdGenerator();
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handle(req, res, body))
      .catch((error: unknown) => {
        if (!res.headersSent) sendGoError(res, toApiError(error).message, 500);
      });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    const path = decodePath(req.url ?? '/');
    if (path === undefined) {
      sendText(res, 400, '400 Bad Request');
      return;
    }
    const clean = cleanPath(path);
    if (clean !== path) {
      res.writeHead(301, { Location: clean + querySuffix(req.url ?? '') }).end();
      return;
    }
    const match = matchRoute(method, path);
    if (match.kind === 'notFound') {
      sendGoError(res, '404 page not found', 404);
      return;
    }
    if (match.kind === 'methodNotAllowed') {
      res.writeHead(405, { 'Content-Length': '0' }).end();
      return;
    }
    res.setHeader('X-Toxiproxy-Request-Id', nextRequestId());
    if ((req.headers['user-agent'] ?? '').startsWith('Mozilla/')) {
      sendGoError(res, 'User agent not allowed', 403);
      return;
    }
    if (body === undefined) {
      sendGoError(res, apiErrorJson('bad request body: http: request body too large', 400), 400);
      return;
    }
    let timedOut = false;
    // Not on the proxy's timer registry: `stats().timers` counts data-path timers only.
    const timer = setTimeout(() => {
      timedOut = true;
      sendText(res, 503, GO_TIMEOUT_BODY, 'text/html; charset=utf-8');
    }, HANDLER_TIMEOUT_MS).unref();
    try {
      const reply = await serialize(() => dispatch(state, match.name, match.params, body));
      if (!timedOut) sendReply(res, reply);
    } catch (error) {
      const apiError = toApiError(error);
      if (!timedOut) sendGoError(res, apiErrorJson(apiError.message, apiError.status), apiError.status);
    } finally {
      clearTimeout(timer);
    }
  }

  // Go's server: ReadTimeout 15 s, IdleTimeout 60 s.
  server.requestTimeout = 15_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 60_000;
  return server;
}

function sendReply(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  const body = Buffer.from(reply.body);
  res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'Content-Length': String(body.length) });
  res.end(body);
}

/** Go's `http.Error`: text/plain, nosniff, the message plus a newline. */
function sendGoError(res: ServerResponse, message: string, status: number): void {
  const body = Buffer.from(`${message}\n`);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(body.length) });
  res.end(body);
}

/** Reads the whole body; `undefined` when it exceeds {@link MAX_BODY_BYTES}. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request path, percent-decoded as Go's `URL.Path`; `undefined` if the escapes are invalid. */
function decodePath(target: string): string | undefined {
  let raw = target.split('?')[0] ?? '';
  if (/^https?:\/\//i.test(raw)) raw = raw.replace(/^https?:\/\/[^/]*/i, '');
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c !== 0x25) {
      for (const b of Buffer.from(raw[i] ?? '')) bytes.push(b);
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

function querySuffix(target: string): string {
  const index = target.indexOf('?');
  return index < 0 ? '' : target.slice(index);
}
