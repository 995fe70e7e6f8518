import type { RunResult } from '../run/run-result.js';
import { formatMs } from './format.js';

/** Backups taken during the run and the binlog archive, with `stack.db.backup`. */
export function backupLines(result: RunResult): string[] {
  const summary = result.backups;
  if (!summary) return [];
  const lines: string[] = [];
  const newest = summary.backups.at(-1);
  const versions = newest ? `; server ${newest.serverVersion ?? '?'}, mariadb-backup ${newest.toolVersion ?? '?'}` : '';
  const newestText = newest
    ? `, newest ready at ${formatMs(newest.readyAtLoadMs)} (GTID ${newest.binlog?.gtid || 'none'}, ${megabytes(newest.sizeBytes)}, streamed in ${formatMs(newest.streamMs)}, prepared in ${formatMs(newest.prepareMs)})`
    : '';
  lines.push(`  backups   ${summary.backups.length} ready${newestText}, ${summary.failed.length} failed${versions}`);
  for (const failure of summary.failed.slice(0, 3)) lines.push(`            failed at ${formatMs(failure.atLoadMs)}: ${failure.reason}`);
  const archive = summary.archive;
  if (archive?.enabled) {
    const files = `${archive.files.length} file(s), ${megabytes(archive.files.reduce((sum, f) => sum + f.bytes, 0))}`;
    lines.push(`  archive   binlog archive ${archive.running ? 'streaming' : 'STOPPED'} from ${archive.source ?? '?'}: ${files}${archive.starts > 1 ? `, restarted ${archive.starts - 1} time(s)` : ''}${archive.lastError ? ` (${archive.lastError})` : ''}`);
  }
  if (summary.lastError) lines.push(`  backups   the store could not be read at the end: ${summary.lastError}`);
  return lines;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
