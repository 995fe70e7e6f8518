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

  constructor(private readonly status = 200) {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        if (this.frozen) this.held.push(res);
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
    res.writeHead(this.status, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  }
}
