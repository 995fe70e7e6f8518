/** A database node as the failover controller sees it. */
export interface ControllerNode {
  readonly name: string;
  readonly role: 'primary' | 'replica' | 'fenced' | 'down';
  readonly reachable: boolean;
  readonly readOnly: boolean | null;
  readonly gtidCurrentPos?: string;
  readonly gtidBinlogPos?: string;
  readonly replication: { readonly io: string; readonly sql: string; readonly lastError: string; readonly secondsBehind: number | null } | null;
}

export interface ControllerStatus {
  readonly primary: string;
  readonly epoch: number;
  readonly bootstrapped: boolean;
  readonly blocked?: unknown;
  readonly nodes: readonly ControllerNode[];
}

/** One step the controller took, with the wall-clock time it took it. */
export interface ControllerEvent {
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly time: number;
  readonly type: string;
  readonly [detail: string]: unknown;
}

export interface ControllerActionResult {
  readonly ok: boolean;
  readonly primary?: string;
  readonly epoch?: number;
  readonly ms?: number;
  readonly error?: string;
}

/** The failover controller's HTTP API (fixtures/controller), on its loopback-published port. */
export class ControllerClient {
  constructor(readonly baseUrl: string) {}

  status(): Promise<ControllerStatus> {
    return this.json<ControllerStatus>('GET', '/status');
  }

  events(after: number): Promise<ControllerEvent[]> {
    return this.json<ControllerEvent[]>('GET', `/events?after=${after}`);
  }

  switchover(to?: string): Promise<ControllerActionResult> {
    return this.json<ControllerActionResult>('POST', '/switchover', to === undefined ? {} : { to }, 60_000);
  }

  promote(node: string): Promise<ControllerActionResult> {
    return this.json<ControllerActionResult>('POST', '/promote', { node }, 60_000);
  }

  private async json<T>(method: string, path: string, body?: unknown, timeoutMs = 3000): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok && !text.startsWith('{')) throw new Error(`controller ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
