import type {
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
