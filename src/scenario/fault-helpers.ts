import type {
  BandwidthFaultInput,
  BlackholeFaultInput,
  IsolateFaultInput,
  LatencyFaultInput,
  LinkDirection,
  LinkTarget,
  PartitionFaultInput,
  ResetFaultInput,
  SlowCloseFaultInput,
  Duration,
  FaultInput,
  KillFaultInput,
  KillSignal,
  PauseFaultInput,
  RestartFaultInput,
  ServiceName,
  StopFaultInput,
  TimelineEntryInput,
} from './types.js';

/** Kills the target's main process. `kill('app-1', { signal: 'SIGTERM', restartAfter: '5s' })` */
export function kill(target: ServiceName, options: { signal?: KillSignal; restartAfter?: Duration } = {}): KillFaultInput {
  return { kind: 'kill', target, ...options };
}

/** Freezes the target for a duration: `pause('app-1', '3s')`. */
export function pause(target: ServiceName, duration: Duration): PauseFaultInput {
  return { kind: 'pause', target, duration };
}

/** Restarts the target's container: `restart('redis')`. */
export function restart(target: ServiceName, options: { grace?: Duration } = {}): RestartFaultInput {
  return { kind: 'restart', target, ...options };
}

/** Stops the target gracefully, and starts it again after `duration` if given: `stop('redis', { duration: '5s' })`. */
export function stop(target: ServiceName, options: { duration?: Duration; grace?: Duration } = {}): StopFaultInput {
  return { kind: 'stop', target, ...options };
}

/** A timeline entry: `at('10s', kill('app-1'))`. */
export function at(time: Duration, fault: FaultInput): TimelineEntryInput {
  return { at: time, fault };
}

type NetworkOptions = { duration?: Duration; direction?: LinkDirection };

/** Adds `ms` of latency (± `jitter`) to a link, or to every link into a service: `latency('redis', 50, { duration: '10s' })`. */
export function latency(target: LinkTarget, ms: number, options: NetworkOptions & { jitter?: number } = {}): LatencyFaultInput {
  return { kind: 'latency', target, latency: ms, ...options };
}

/** Limits a link to `rate` KB/s: `bandwidth('app-1->db-1', 50)`. */
export function bandwidth(target: LinkTarget, rate: number, options: NetworkOptions = {}): BandwidthFaultInput {
  return { kind: 'bandwidth', target, rate, ...options };
}

/** Drops everything on a link (connections hang): `blackhole('db-1', { duration: '5s' })`. */
export function blackhole(target: LinkTarget, options: NetworkOptions = {}): BlackholeFaultInput {
  return { kind: 'blackhole', target, ...options };
}

/** Resets connections on a link when data arrives, after `after` ms: `reset('lb->app-2')`. */
export function reset(target: LinkTarget, options: NetworkOptions & { after?: number } = {}): ResetFaultInput {
  return { kind: 'reset', target, ...options };
}

/** Delays closing connections on a link: `slowClose('redis', 2000)`. */
export function slowClose(target: LinkTarget, delay: number, options: NetworkOptions = {}): SlowCloseFaultInput {
  return { kind: 'slow-close', target, delay, ...options };
}

/** Cuts every link between two groups: `partition(['app-1', 'app-2'], ['db-1'], { duration: '5s' })`. */
export function partition(
  groupA: readonly (ServiceName | 'client')[],
  groupB: readonly (ServiceName | 'client')[],
  options: { duration?: Duration; direction?: 'both' | 'a-to-b' | 'b-to-a' } = {},
): PartitionFaultInput {
  return { kind: 'partition', groups: [groupA, groupB], ...options };
}

/** Disconnects a service from the stack's network (Docker network disconnect): `isolate('redis', { duration: '5s' })`. */
export function isolate(target: ServiceName, options: { duration?: Duration } = {}): IsolateFaultInput {
  return { kind: 'isolate', target, ...options };
}
