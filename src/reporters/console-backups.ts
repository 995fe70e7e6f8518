import type { BackupSummary } from '../dr/backup-watch.js';
import type { DrillFigures } from '../dr/drill-figures.js';
import type { RunResult } from '../run/run-result.js';
import { formatMs } from './format.js';
import { rpoText, rtoText } from './key-figures.js';

/** Backups taken during the run, the binlog archive, and each restore or rebuild drill's RTO and RPO. */
export function backupLines(result: RunResult): string[] {
  return [...(result.backups ? storeLines(result.backups) : []), ...result.drills.flatMap(drillLines)];
}

function storeLines(summary: BackupSummary): string[] {
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

function drillLines(drill: DrillFigures): string[] {
  const lost = drill.lostIds.length > 0 ? ` (${drill.lostIds.slice(0, 5).join(', ')}${drill.rpoCount > 5 ? ', …' : ''})` : '';
  const r = drill.recovery;
  const how = r.kind === 'restore'
    ? `backup ${r.backup?.id ?? 'none'}${drill.backupAgeMs === null ? '' : `, ${formatMs(drill.backupAgeMs)} old at the disaster`}; replayed ${r.source} binlogs to ${r.reachedGtid || 'nothing'}`
    : r.kind === 'rebuild'
      ? `rebuilt from ${r.source ?? 'nothing'} in ${drill.recoveredInMs === null ? '?' : formatMs(drill.recoveredInMs)} = ${r.phases.map((p) => `${p.name} ${formatMs(p.endMs - p.startMs)}`).join(' + ')}`
      : `the disk was full for ${drill.recoveredInMs === null ? '?' : formatMs(drill.recoveredInMs)}`;
  return [
    `  drill     ${drill.faultId} ${r.kind} ${drill.node}: RTO ${rtoText(drill)}`,
    `            RPO ${rpoText(drill)}${lost}; ${how}`,
    ...(r.ok ? [] : [`            ${r.kind === 'heal' ? 'HEAL' : r.kind.toUpperCase()} NOT VERIFIED: ${r.problems.join('; ')}`]),
  ];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
