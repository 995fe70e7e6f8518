import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of the journal. */
export interface JournalEntry {
  /** Wall-clock time, ISO 8601. */
  readonly time: string;
  /** Milliseconds since the run started (monotonic). */
  readonly runMs: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * The run's append-only NDJSON journal. Each entry is written with a synchronous write as it
 * happens, so a run killed at any point still leaves its evidence on disk.
 */
export class Journal {
  private fd: number | undefined;
  private readonly startedMono: number;

  constructor(readonly path: string, private readonly clock: { now(): number; wallMs(): number }) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.startedMono = clock.now();
  }

  /** Milliseconds since the journal (the run) started. */
  runMs(): number {
    return this.clock.now() - this.startedMono;
  }

  /** Entries that could not be written (disk full, I/O error); the run goes on without them. */
  failedWrites = 0;

  write(type: string, data: Record<string, unknown> = {}): void {
    if (this.fd === undefined) return;
    const entry: JournalEntry = { time: new Date(this.clock.wallMs()).toISOString(), runMs: Math.round(this.runMs() * 10) / 10, type, ...data };
    try {
      writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    } catch {
      // A failing journal must not kill a run with faults in place: count it and carry on.
      this.failedWrites++;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
