import { hostname } from 'node:os';
import { readFileSync, readlinkSync } from 'node:fs';

/** Every container, network and volume faultline creates carries these labels. */
export const Label = {
  run: 'faultline.run',
  service: 'faultline.service',
  role: 'faultline.role',
  /** A volume's name in its run (its Docker name carries the run id too). */
  volume: 'faultline.volume',
  ownerHost: 'faultline.owner.host',
  ownerPid: 'faultline.owner.pid',
  ownerStart: 'faultline.owner.start',
  ownerPidNamespace: 'faultline.owner.pidns',
} as const;

/** The labels that tie a resource to this harness process, for stale-run detection. */
export function ownerLabels(runId: string): Record<string, string> {
  return {
    [Label.run]: runId,
    [Label.ownerHost]: hostname(),
    [Label.ownerPid]: String(process.pid),
    [Label.ownerStart]: processStartTicks(process.pid) ?? '',
    [Label.ownerPidNamespace]: pidNamespace(),
  };
}

/**
 * A run is stale when its owner process is gone. The process start time guards against PID
 * reuse; on another host we cannot tell, so it is not stale.
 */
export function isOwnerGone(labels: Readonly<Record<string, string>>): boolean {
  if (labels[Label.ownerHost] !== hostname()) return false;
  // Another PID namespace (a sibling CI container with the same host name): its pids mean
  // nothing here, so its runs are never judged gone.
  const namespace = labels[Label.ownerPidNamespace];
  if (namespace !== undefined && namespace !== pidNamespace()) return false;
  const pid = Number(labels[Label.ownerPid]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const recorded = labels[Label.ownerStart];
  return recorded !== undefined && recorded !== '' && recorded !== processStartTicks(pid);
}

/** The PID namespace this process lives in, e.g. `pid:[4026531836]`. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot (Linux only). */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
