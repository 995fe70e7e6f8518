/** A full backup the store holds, extracted and prepared (fixtures/db/backup-agent.js manifest). */
export interface BackupManifest {
  readonly id: string;
  readonly status: 'ready';
  /** The database node it was taken on. */
  readonly node: string | null;
  /** When mariadb-backup started on the node (epoch ms). */
  readonly startedAtMs: number | null;
  /** When the last byte reached the store (epoch ms): the backup's consistent point is at or before it. */
  readonly streamedAtMs: number;
  readonly preparedAtMs: number;
  readonly streamMs: number;
  readonly prepareMs: number;
  /** Bytes streamed, and bytes on the store's disk once prepared. */
  readonly bytes: number;
  readonly sizeBytes: number;
  /** The binlog position the backup is consistent with, and its GTID (`''` before any transaction). */
  readonly binlog: { readonly file: string | null; readonly position: number | null; readonly gtid: string } | null;
  readonly serverVersion: string | null;
  readonly toolVersion: string | null;
}

/** An upload the store refused to publish (cut short, or its prepare failed). */
export interface FailedBackup {
  readonly id: string;
  readonly node: string | null;
  readonly atMs: number;
  readonly reason: string;
  readonly bytes: number;
}

/** The continuous binlog archive. */
export interface ArchiveState {
  readonly enabled: boolean;
  /** `host:port` it streams from (a link of the fault proxy). */
  readonly source: string | null;
  readonly running: boolean;
  /** How many times the stream was (re)started. */
  readonly starts: number;
  /** Why the last stream stopped; `null` while one runs. */
  readonly lastError: string | null;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
}

/** A point-in-time recovery from the archive: from `startGtid` (exclusive) to `stopGtid` (inclusive), `stopDatetime`, or the end. */
export interface ReplayRequest {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly startGtid: string;
  readonly stopGtid?: string;
  readonly stopDatetime?: string;
}

export interface ReplayResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly readerExit?: number;
  readonly clientExit?: number;
  readonly readerError?: string;
  readonly clientError?: string;
  readonly files?: number;
  readonly ms?: number;
}

/** The backup store's HTTP API, on its published loopback port. */
export class BackupStoreClient {
  constructor(private readonly baseUrl: string, private readonly timeoutMs = 2000) {}

  async backups(): Promise<{ ready: BackupManifest[]; failed: FailedBackup[] }> {
    return this.get('/backups');
  }

  async archive(): Promise<ArchiveState> {
    return this.get('/archive');
  }

  /** The newest transaction in the archive (its GTID, and the event time in whole seconds as mariadb-binlog prints it). */
  async lastArchived(): Promise<{ gtid: string | null; time: string | null; files: number }> {
    return this.get('/archive/last');
  }

  /** Replays the archive into a server (point-in-time recovery); waits for it to finish. */
  async replay(request: ReplayRequest): Promise<ReplayResult> {
    const response = await fetch(`${this.baseUrl}/replay`, {
      method: 'POST', body: JSON.stringify(request), headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(600_000),
    });
    if (!response.ok) throw new Error(`backup store POST /replay: ${response.status} ${await response.text()}`);
    return await response.json() as ReplayResult;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`backup store GET ${path}: ${response.status} ${await response.text()}`);
    return await response.json() as T;
  }
}
