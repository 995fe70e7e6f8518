import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A trivial app on 127.0.0.1 that can be frozen like a paused container: while frozen it accepts
 * connections and reads requests but answers none until thawed.
 */
export class FreezableServer {
  private frozen = false;
  private held: ServerResponse[] = [];
  readonly server: Server;
  frozenAtMs = Number.NaN;
  thawedAtMs = Number.NaN;
  /** Extra latency of every answer, ms (may be changed while running). */
  delayMs = 0;
  /** Bodies of the POSTs received, in arrival order. */
  readonly posted: string[] = [];
  /** Every this-many-th request is answered 503 (0: none). */
  failEvery = 0;
  private received = 0;

  constructor(private readonly status = 200) {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        if (req.method === 'POST') this.posted.push(body);
        if (this.frozen) this.held.push(res);
        else if (this.delayMs > 0) setTimeout(() => this.answer(res), this.delayMs);
        else this.answer(res);
      });
    });
    this.server.keepAliveTimeout = 10_000;
  }

  async listen(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port };
  }

  freeze(nowMs: number): void {
    this.frozen = true;
    this.frozenAtMs = nowMs;
  }

  thaw(nowMs: number): void {
    this.frozen = false;
    this.thawedAtMs = nowMs;
    const held = this.held;
    this.held = [];
    for (const res of held) if (!res.destroyed) this.answer(res);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(res: ServerResponse): void {
    this.received++;
    const failing = this.failEvery > 0 && this.received % this.failEvery === 0;
    res.writeHead(failing ? 503 : this.status, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  }
}
