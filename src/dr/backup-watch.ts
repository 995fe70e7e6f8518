import type { ArchiveState, BackupManifest, BackupStoreClient, FailedBackup } from './backup-store-client.js';

/** What the backup service did during a run, on the load's time axis. */
export interface BackupSummary {
  /** Ready backups in the order they were taken, each with the load time it reached the store at. */
  readonly backups: readonly (BackupManifest & { readonly readyAtLoadMs: number })[];
  readonly failed: readonly (FailedBackup & { readonly atLoadMs: number })[];
  /** The archive's state when the watch stopped; `undefined` if the store never answered. */
  readonly archive: ArchiveState | undefined;
  /** Why the store could not be read, if the last poll failed. */
  readonly lastError: string | undefined;
}

export interface BackupWatchOptions {
  readonly store: BackupStoreClient;
  /** Wall-clock epoch ms → ms since the start of measured load. */
  readonly loadMsOf: (wallMs: number) => number;
  /** Wall-clock epoch ms now. */
  readonly wallMs: () => number;
  readonly onEvent: (type: string, data: Record<string, unknown>) => void;
  /** @default 1000 */
  readonly intervalMs?: number;
}

/**
 * Polls the backup store through the run and journals what it sees as it happens: each backup
 * once it is ready (`backup-ready`, with its GTID, sizes and the server and tool versions), each
 * refused upload (`backup-failed`), and the binlog archive starting or stopping (`binlog-archive`).
 */
export class BackupWatch {
  private readonly seen = new Set<string>();
  private readonly ready: (BackupManifest & { readyAtLoadMs: number })[] = [];
  private readonly failed: (FailedBackup & { atLoadMs: number })[] = [];
  private archive: ArchiveState | undefined;
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped: Promise<BackupSummary> | undefined;

  constructor(private readonly options: BackupWatchOptions) {}

  start(): void {
    const tick = (): void => {
      this.polling = this.poll().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling after one last look, and says what was seen; later calls return the same summary. */
  stop(): Promise<BackupSummary> {
    this.stopped ??= (async () => {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.polling;
      await this.poll();
      return { backups: [...this.ready], failed: [...this.failed], archive: this.archive, lastError: this.lastError };
    })();
    return this.stopped;
  }

  private async poll(): Promise<void> {
    const { store, loadMsOf, onEvent } = this.options;
    try {
      const [{ ready, failed }, archive] = await Promise.all([store.backups(), store.archive()]);
      this.lastError = undefined;
      for (const backup of ready) {
        if (this.seen.has(backup.id)) continue;
        this.seen.add(backup.id);
        const readyAtLoadMs = Math.round(loadMsOf(backup.preparedAtMs));
        this.ready.push({ ...backup, readyAtLoadMs });
        onEvent('backup-ready', {
          id: backup.id, node: backup.node, gtid: backup.binlog?.gtid ?? null, binlogFile: backup.binlog?.file ?? null,
          takenAtLoadMs: backup.startedAtMs === null ? null : Math.round(loadMsOf(backup.startedAtMs)), loadMs: readyAtLoadMs,
          streamMs: backup.streamMs, prepareMs: backup.prepareMs, bytes: backup.bytes, sizeBytes: backup.sizeBytes,
          serverVersion: backup.serverVersion, toolVersion: backup.toolVersion,
        });
      }
      for (const failure of failed) {
        if (this.seen.has(failure.id)) continue;
        this.seen.add(failure.id);
        const atLoadMs = Math.round(loadMsOf(failure.atMs));
        this.failed.push({ ...failure, atLoadMs });
        onEvent('backup-failed', { id: failure.id, node: failure.node, reason: failure.reason, bytes: failure.bytes, loadMs: atLoadMs });
      }
      if (archive.enabled && (this.archive === undefined || archive.running !== this.archive.running || archive.starts !== this.archive.starts)) {
        onEvent('binlog-archive', {
          running: archive.running, source: archive.source, starts: archive.starts, files: archive.files.length, error: archive.lastError,
          loadMs: Math.round(loadMsOf(this.options.wallMs())),
        });
      }
      this.archive = archive;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}
