import type { ServiceHandle } from '../runtime/runtime.js';
import { referencePorts } from '../scenario/reference-topology.js';
import { hostPort } from '../stack/host-port.js';
import { routeTo } from '../stack/route-to.js';
import { awaitState } from '../faults/await-state.js';
import type { Disaster, RebuildPhaseName, RebuildReport } from './drill-types.js';
import type { NodeVolumes } from '../stack/node-storage.js';
import { entrypointSteps, freshVolumes, messageOf, phaseLog, startReplacement, stepNumber, type RecoveryDeps } from './replacement-node.js';
import { awaitCaughtUp, writablePeer } from './replica-catch-up.js';
import { readDataState } from './table-checks.js';
import { verifyTables } from './verify-restore.js';

export interface RebuildOptions {
  /** How long the rebuilt node may take to replicate again and catch up with the primary. @default 60_000 */
  readonly rejoinTimeoutMs?: number;
}

/**
 * Rebuilds a database node as a replica of the current primary, phase by phase, each journaled
 * with its start and end (`rebuild-phase`): remove what is left of the node (a fenced old primary
 * still runs, a lost disk left nothing) and give it new, empty volumes; start it with a clone of
 * the primary streamed by mariadb-backup through the fault proxy (`<node>-><primary>:clone`),
 * prepared in place, its gtid_slave_pos set to the clone's GTID; wait until the failover
 * controller has attached it and it has caught up with the primary; check every table. Never
 * throws for a rebuild that went wrong: the report says what went wrong, and `ok` is false.
 */
export async function rebuildNode(faultId: string, node: string, disaster: Disaster | undefined, deps: RecoveryDeps, options: RebuildOptions = {}): Promise<RebuildReport> {
  const { phases, phase } = phaseLog<RebuildPhaseName>('rebuild-phase', faultId, node, deps);
  const problems: string[] = [];
  const fields: { source?: string; cloneBytes?: number; cloneGtid?: string; caughtUpGtid?: string; tables?: RebuildReport['tables'] } = {};
  const report = (): RebuildReport => ({
    kind: 'rebuild', faultId, node, disaster, source: fields.source, cloneBytes: fields.cloneBytes, cloneGtid: fields.cloneGtid,
    caughtUpGtid: fields.caughtUpGtid, phases, tables: fields.tables ?? [], ok: problems.length === 0, problems,
  });

  const began = deps.loadMs();
  if (disaster) phase('detect', disaster.atMs, began, `${Math.round(began - disaster.atMs)} ms from the disaster on ${node} to the start of its rebuild`);

  const source = await writablePeer(node, deps);
  if (!source) {
    problems.push(`no other database node is a writable primary, so there is nothing to clone ${node} from`);
    return report();
  }
  fields.source = source.name;

  // Provision: what is left of the node goes (container and volumes); new, empty volumes come.
  const old = deps.services.get(node);
  const leftover = old ? await old.state().catch(() => ({ status: 'missing' as const })) : { status: 'missing' as const };
  let fresh: NodeVolumes;
  let discarded: string[];
  try {
    if (old && leftover.status !== 'missing') {
      await old.kill('SIGKILL').catch(() => undefined);
      await awaitState(old, (state) => state.status !== 'running', 10_000).catch(() => undefined);
      await old.remove();
    }
    const volumes = await freshVolumes(node, deps);
    fresh = volumes.fresh;
    discarded = [volumes.survivingData, volumes.survivingBinlog].filter((name): name is string => name !== undefined);
    for (const name of discarded) await deps.env.destroyVolume(name);
  } catch (error) {
    problems.push(`making room for the rebuilt ${node} failed: ${messageOf(error)}`);
    return report();
  }
  phase('provision', began, deps.loadMs(), `${leftover.status === 'missing' ? `${node} was gone` : `${node} (${leftover.status}) removed`}${discarded.length > 0 ? `, its volumes ${discarded.join(', ')} destroyed` : ''}; new volumes ${fresh.data} and ${fresh.binlog}`);

  // Clone, prepare and start: one container, whose entrypoint clones before the server starts.
  const startAt = deps.loadMs();
  const link = `${node}->${source.name}:clone`;
  let service: ServiceHandle;
  try {
    service = await startReplacement(node, fresh, deps, { env: { CLONE_FROM: hostPort(routeTo(deps.stack, deps.env, node, source.name, referencePorts.clone)) } });
  } catch (error) {
    // The runtime's error carries the node's last log lines, the clone's own verdict among them.
    const cloneFailure = entrypointSteps(messageOf(error), 'clone').get('failed')?.error;
    problems.push(typeof cloneFailure === 'string' ? `the clone of ${source.name} failed: ${cloneFailure}` : `the rebuilt node did not start: ${messageOf(error)}`);
    return report();
  }
  const startedAt = deps.loadMs();
  const steps = entrypointSteps(await service.logs(20_000).catch(() => ''), 'clone');
  const streamEnd = startAt + (stepNumber(steps, 'stream', 'ms') ?? 0);
  const prepareEnd = streamEnd + (stepNumber(steps, 'prepare', 'ms') ?? 0);
  fields.cloneBytes = stepNumber(steps, 'stream', 'bytes');
  const cloneGtid = steps.get('stream')?.gtid;
  fields.cloneGtid = typeof cloneGtid === 'string' ? cloneGtid : undefined;
  phase('clone', startAt, streamEnd, `mariadb-backup --stream from ${source.name} (GTID ${fields.cloneGtid || 'none'}, ${fields.cloneBytes ?? '?'} bytes) through ${link}, extracted into the empty data directory`);
  phase('prepare', streamEnd, prepareEnd, 'mariadb-backup --prepare in place');
  phase('start', prepareEnd, startedAt, `mariadbd started on the clone with gtid_slave_pos ${fields.cloneGtid || "''"} and answered`);

  // Rejoin: the controller attaches the node (it boots read-only); it must then catch up.
  const rejoinAt = deps.loadMs();
  const joined = await awaitCaughtUp(service, source.service, options.rejoinTimeoutMs ?? 60_000);
  phase('rejoin', rejoinAt, deps.loadMs(), joined.detail);
  if (joined.problem) problems.push(joined.problem);
  fields.caughtUpGtid = joined.caughtUpGtid;

  const verifyAt = deps.loadMs();
  const state = await readDataState(service).catch((error: unknown) => {
    problems.push(`the rebuilt node could not be read: ${messageOf(error)}`);
    return undefined;
  });
  const verification = state ? verifyTables(state, undefined) : { tables: [], problems: [] };
  problems.push(...verification.problems);
  fields.tables = verification.tables;
  phase('verify', verifyAt, deps.loadMs(), state
    ? `at GTID ${state.gtid || 'none'}: ${verification.tables.length} table(s), CHECK TABLE ${verification.tables.every((t) => t.check === 'OK') ? 'OK' : 'NOT OK'}; whether it holds the primary's data is the convergence check's to say`
    : 'not read');
  return report();
}
