import type { ServiceHandle } from '../runtime/runtime.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { dbAdmin, promote, sql } from '../stack/db-admin.js';
import { hostPort } from '../stack/host-port.js';
import { routeTo } from '../stack/route-to.js';
import type { BackupStoreClient } from './backup-store-client.js';
import type { Disaster, ReplaySource, RestorePhaseName, RestoreReport } from './drill-types.js';
import { entrypointSteps, freshVolumes, messageOf, phaseLog, startReplacement, stepNumber, type RecoveryDeps } from './replacement-node.js';
import { awaitCaughtUp, writablePeer } from './replica-catch-up.js';
import { readDataState } from './table-checks.js';
import { gtidSeqno, verifyTables } from './verify-restore.js';

/** Where a restore replays to: the newest transaction it can find (`'failure'`), a GTID (inclusive), or a time. */
export type RestoreTarget = 'failure' | { readonly gtid: string } | { readonly time: string };

export interface RestoreOptions {
  /** `'latest'`, or a backup id. */
  readonly from: string;
  readonly to: RestoreTarget;
  /**
   * `primary`: replay binlogs to the target, then make the node writable (a single node).
   * `replica`: no replay; the node replicates on from the backup's GTID, attached by the failover
   * controller, until it has caught up with the primary.
   */
  readonly as: 'primary' | 'replica';
}

/** A restore needs the backup store. */
export type RestoreDeps = RecoveryDeps & { readonly store: BackupStoreClient };

/** Where the binlogs of the lost node are mounted in the restored one (read-only), when their volume survived. */
const lostBinlogPath = '/var/lib/mysql-binlog-lost';

/**
 * Restores a lost database node from the backup store, phase by phase, each journaled with its
 * start and end (`restore-phase`): provision new, empty volumes; start a fresh node that fetches
 * the prepared backup and copies it back before its server starts; replay binary logs to the
 * target, from the lost node's own binlog volume when it survived, else from the store's archive;
 * verify (the GTID reached, CHECK TABLE, rows and CHECKSUM TABLE against the reference taken when
 * the disaster hit, when at the same GTID); make it the primary. Never throws for a restore that
 * went wrong: the report says what went wrong, and `ok` is false.
 */
export async function restoreNode(faultId: string, node: string, options: RestoreOptions, disaster: Disaster | undefined, deps: RestoreDeps): Promise<RestoreReport> {
  const { phases, phase } = phaseLog<RestorePhaseName>('restore-phase', faultId, node, deps);
  const problems: string[] = [];
  const report = (fields: Partial<RestoreReport>): RestoreReport => ({
    kind: 'restore', faultId, role: options.as, node, disaster, backup: undefined, source: 'none', targetGtid: undefined, reachedGtid: undefined, lastAvailableGtid: undefined,
    phases, tables: [], ...fields, problems, ok: problems.length === 0 && (fields.ok ?? true),
  });

  const began = deps.loadMs();
  if (disaster) phase('detect', disaster.atMs, began, `${Math.round(began - disaster.atMs)} ms from the disaster on ${node} to the start of its restore`);

  // Which backup, and from before the disaster.
  const { ready } = await deps.store.backups();
  const candidates = ready.filter((b) => disaster === undefined || deps.loadMsOfWall(b.preparedAtMs) <= disaster.atMs);
  const chosen = options.from === 'latest' ? candidates.at(-1) : ready.find((b) => b.id === options.from);
  if (!chosen) {
    problems.push(options.from === 'latest' ? 'the backup store held no ready backup taken before the disaster: there is nothing to restore from' : `the backup store has no ready backup ${options.from}`);
    return report({ ok: false });
  }
  const readyAtLoadMs = Math.round(deps.loadMsOfWall(chosen.preparedAtMs));
  const takenAtLoadMs = chosen.startedAtMs === null ? readyAtLoadMs : Math.round(deps.loadMsOfWall(chosen.startedAtMs));
  const backup = { id: chosen.id, gtid: chosen.binlog?.gtid ?? '', readyAtLoadMs, ageAtDisasterMs: disaster ? Math.round(disaster.atMs - takenAtLoadMs) : null };

  // Provision: fresh volumes (a restored server must not start next to the old binlogs).
  const provisionAt = began; // choosing the backup counts as provisioning: the phases are contiguous
  let volumes: Awaited<ReturnType<typeof freshVolumes>>;
  try {
    volumes = await freshVolumes(node, deps);
  } catch (error) {
    problems.push(`new volumes for the restored ${node} could not be made: ${messageOf(error)}`);
    return report({ backup, ok: false });
  }
  const { fresh, survivingBinlog } = volumes;
  phase('provision', provisionAt, deps.loadMs(), `volumes ${fresh.data} and ${fresh.binlog}${survivingBinlog ? `; the lost node's ${survivingBinlog} mounted read-only to replay from` : ''}`);

  // Fetch, copy back and start: one container, whose entrypoint restores before the server starts.
  const startAt = deps.loadMs();
  const restoreFrom = hostPort(routeTo(deps.stack, deps.env, node, 'backup', referencePorts.backupUpload));
  let service: ServiceHandle;
  try {
    service = await startReplacement(node, fresh, deps, {
      env: { RESTORE_FROM: restoreFrom, RESTORE_BACKUP: chosen.id, ...(options.as === 'replica' ? { RESTORE_AS: 'replica' } : {}) },
      mounts: survivingBinlog ? [{ kind: 'volume', source: survivingBinlog, target: lostBinlogPath, readOnly: true }] : [],
    });
  } catch (error) {
    problems.push(`the restored node did not start: ${messageOf(error)}`);
    return report({ backup, ok: false });
  }
  const startedAt = deps.loadMs();
  // A generous tail: a server reporting a damaged backup can log a lot after the restore's own lines.
  const steps = entrypointSteps(await service.logs(20_000).catch(() => ''), 'restore');
  const fetchEnd = startAt + (stepNumber(steps, 'fetch', 'ms') ?? 0);
  const copyBackEnd = fetchEnd + (stepNumber(steps, 'copy-back', 'ms') ?? 0);
  phase('fetch', startAt, fetchEnd, `backup ${chosen.id} (GTID ${backup.gtid || 'none'}, ${stepNumber(steps, 'fetch', 'bytes') ?? chosen.sizeBytes} bytes) from the store through ${node}->backup`);
  phase('copy-back', fetchEnd, copyBackEnd, 'mariadb-backup --copy-back into the empty data directory');
  phase('start', copyBackEnd, startedAt, 'mariadbd started on the restored data (crash recovery included) and answered');

  // A primary replays binary logs to the target; a replica catches up from the primary instead.
  const replayAt = deps.loadMs();
  let source: ReplaySource = survivingBinlog ? 'local' : deps.stack.db.backup?.binlogArchive ? 'archive' : 'none';
  let replayed: Replayed;
  if (options.as === 'replica') {
    source = 'none';
    const primary = await writablePeer(node, deps);
    const joined = primary
      ? await awaitCaughtUp(service, primary.service, 60_000)
      : { detail: 'no writable primary to replicate from', caughtUpGtid: undefined, problem: `no other database node is a writable primary, so the restored ${node} has nothing to replicate from` };
    replayed = { targetGtid: undefined, lastAvailable: undefined, detail: `from the backup's ${backup.gtid || 'empty position'}: ${joined.detail}`, ...(joined.problem ? { problem: joined.problem } : {}) };
    phase('rejoin', replayAt, deps.loadMs(), replayed.detail);
  } else {
    replayed = await replay(service, source, backup.gtid, options.to, deps);
    phase('replay', replayAt, deps.loadMs(), replayed.detail);
  }
  if (replayed.problem) problems.push(replayed.problem);

  // Verify.
  const verifyAt = deps.loadMs();
  const state = await readDataState(service).catch((error: unknown) => {
    problems.push(`the restored node could not be read: ${messageOf(error)}`);
    return undefined;
  });
  const verification = state ? verifyTables(state, disaster?.reference) : { tables: [], problems: [] };
  problems.push(...verification.problems);
  if (state && replayed.targetGtid !== undefined && state.gtid !== replayed.targetGtid) {
    problems.push(`the restore stopped short of its target: the node is at GTID ${state.gtid || 'none'}, the target was ${replayed.targetGtid}`);
  }
  const compared = verification.tables.filter((t) => t.reference === 'match').length;
  phase('verify', verifyAt, deps.loadMs(), state
    ? `at GTID ${state.gtid || 'none'}: ${verification.tables.length} table(s), CHECK TABLE ${verification.tables.every((t) => t.check === 'OK') ? 'OK' : 'NOT OK'}, `
      + (disaster?.reference === undefined ? 'no reference was taken when the disaster hit'
        : disaster.reference.gtid === state.gtid ? `${compared} of ${verification.tables.length} matching the reference (rows and CHECKSUM TABLE)`
          : `the reference is at ${disaster.reference.gtid}, so rows are judged by the ledger`)
    : 'not read');

  if (options.as === 'primary' && problems.length === 0) {
    const promoteAt = deps.loadMs();
    await promote(service).catch((error: unknown) => problems.push(`making the restored ${node} writable failed: ${messageOf(error)}`));
    phase('promote', promoteAt, deps.loadMs(), `${node} is writable`);
  }
  return report({ backup, source, targetGtid: replayed.targetGtid, reachedGtid: state?.gtid, lastAvailableGtid: replayed.lastAvailable, tables: verification.tables });
}

interface Replayed {
  readonly targetGtid: string | undefined;
  readonly lastAvailable: string | undefined;
  readonly detail: string;
  readonly problem?: string;
}

/** Replays from `startGtid` (exclusive) to the target, from the lost node's binlogs or the store's archive. */
async function replay(service: ServiceHandle, source: ReplaySource, startGtid: string, to: RestoreTarget, deps: RestoreDeps): Promise<Replayed> {
  // After copy-back every GTID position is empty; a restored primary must carry on from the
  // backup's, or its next writes would reuse GTIDs its history already has (and a restore with
  // nothing to replay would look short of its target). Replayed events carry the GTIDs after it.
  const carryOn = startGtid ? await sql(service, `SET GLOBAL gtid_binlog_state = '${startGtid.replace(/[^\d,-]/g, '')}'`).then(() => undefined, messageOf) : undefined;
  if (carryOn !== undefined) return { targetGtid: undefined, lastAvailable: undefined, detail: 'the backup\'s GTID could not be set', problem: `setting gtid_binlog_state to the backup's ${startGtid} failed: ${carryOn}` };
  if (source === 'none') {
    return to === 'failure'
      ? { targetGtid: startGtid, lastAvailable: startGtid, detail: 'no binlog survived and there is no archive: the data is as of the backup' }
      : { targetGtid: undefined, lastAvailable: startGtid, detail: 'no binlog to replay', problem: 'a point-in-time target needs binary logs, but none survived and there is no archive' };
  }
  const lastAvailable = source === 'local' ? await lastLocalGtid(service) : (await deps.store.lastArchived()).gtid ?? undefined;
  const wanted = to === 'failure' ? lastAvailable : 'gtid' in to ? to.gtid : undefined;
  if (wanted !== undefined && gtidSeqno(wanted) > gtidSeqno(lastAvailable)) {
    return { targetGtid: wanted, lastAvailable, detail: `nothing replayed: the target ${wanted} is beyond the ${source} binlogs, which end at ${lastAvailable ?? 'nothing'}`, problem: `the target GTID ${wanted} is beyond what ${source === 'local' ? "the lost node's binlogs hold" : 'the archive holds'} (it ends at ${lastAvailable ?? 'nothing'}): the restore cannot reach it` };
  }
  if (wanted !== undefined && gtidSeqno(wanted) <= gtidSeqno(startGtid)) {
    return { targetGtid: wanted, lastAvailable, detail: `nothing to replay: the backup is already at ${startGtid || 'none'}` };
  }
  const stop = to === 'failure' ? {} : 'gtid' in to ? { stopGtid: to.gtid } : { stopDatetime: to.time };
  if (source === 'local') {
    const args = [...(startGtid ? [`--start-position=${startGtid}`] : []), ...('stopGtid' in stop ? [`--stop-position=${stop.stopGtid}`] : []), ...('stopDatetime' in stop ? [`--stop-datetime='${stop.stopDatetime}'`] : [])];
    const command = `mariadb-binlog ${args.join(' ')} ${lostBinlogPath}/mariadb-bin.[0-9]* | mariadb -uroot`;
    const result = await service.exec(['bash', '-o', 'pipefail', '-c', command]);
    return result.exitCode === 0
      ? { targetGtid: wanted, lastAvailable, detail: `replayed the lost node's own binlogs from ${startGtid || 'the start'} to ${wanted ?? stop.stopDatetime}` }
      : { targetGtid: wanted, lastAvailable, detail: 'replay failed', problem: `replaying the lost node's binlogs failed (exit ${result.exitCode}): ${result.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
  const target = routeTo(deps.stack, deps.env, 'backup', service.name, referencePorts.db);
  const result = await deps.store.replay({ host: target.host, port: target.port, user: dbAdmin.user, password: dbAdmin.password, startGtid, ...stop });
  return result.ok
    ? { targetGtid: wanted, lastAvailable, detail: `replayed ${result.files} archived binlog file(s) from ${startGtid || 'the start'} to ${wanted ?? stop.stopDatetime} in ${result.ms} ms through backup->${service.name}` }
    : { targetGtid: wanted, lastAvailable, detail: 'replay failed', problem: `replaying the archive failed: ${result.error ?? `mariadb-binlog exited ${result.readerExit} (${result.readerError}), mariadb exited ${result.clientExit} (${result.clientError})`}` };
}

/** The newest GTID in the lost node's binlogs, as mounted in the restored node. */
async function lastLocalGtid(service: ServiceHandle): Promise<string | undefined> {
  const result = await service.exec(['bash', '-c', `mariadb-binlog ${lostBinlogPath}/mariadb-bin.[0-9]* 2>/dev/null | grep -o '^#.*GTID [0-9]*-[0-9]*-[0-9]*' | grep -o '[0-9]*-[0-9]*-[0-9]*$' | tail -1`]);
  return result.stdout.trim() || undefined;
}
