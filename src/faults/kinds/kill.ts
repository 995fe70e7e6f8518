import { formatDuration } from '../../scenario/duration.js';
import type { FaultPlanBase } from '../../scenario/plan.js';
import type { Duration, KillSignal, ServiceName } from '../../scenario/types.js';
import { awaitState, ensureRunning, isDown } from '../await-state.js';
import type { FaultEffect } from '../fault.js';
import { defineFaultKind } from '../fault-kind.js';
import { optionalDurationMs, targetService } from '../resolve-helpers.js';

/** Kill the service's main process with a signal; optionally start it again after a delay. */
export interface KillFaultInput {
  readonly kind: 'kill';
  readonly target: ServiceName;
  /** @default 'SIGKILL' */
  readonly signal?: KillSignal;
  /** Start the container again this long after the kill. Omit to leave it dead until teardown. */
  readonly restartAfter?: Duration;
}

export interface KillFaultPlan extends FaultPlanBase {
  readonly kind: 'kill';
  readonly signal: KillSignal;
}

/** Kills the target's main process. `kill('app-1', { signal: 'SIGTERM', restartAfter: '5s' })` */
export function kill(target: ServiceName, options: { signal?: KillSignal; restartAfter?: Duration } = {}): KillFaultInput {
  return { kind: 'kill', target, ...options };
}

export const killSignals: readonly KillSignal[] = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

/** How long a terminating signal may take to bring the process down. */
const exitWaitMs = 10_000;

/** Sends a signal to the service's main process; revert starts it again. */
export const killFault = defineFaultKind<KillFaultPlan>({
  kind: 'kill',
  fields: ['target', 'signal', 'restartAfter'],
  exclusive: true,
  instantaneous: false,
  resolve(fault, context) {
    const target = targetService(fault, context);
    const signal = context.check.string(fault.signal, `${context.field}.signal`, { fallback: 'SIGKILL', oneOf: killSignals }) as KillSignal;
    const durationMs = optionalDurationMs(fault, 'restartAfter', context);
    const label = `kill ${target} (${signal})${durationMs === undefined ? '' : `, restart after ${formatDuration(durationMs)}`}`;
    return { kind: 'kill', target, services: [target], durationMs, signal, label };
  },
  create(plan, context) {
    const service = (): ReturnType<typeof context.service> => context.service(plan.target);
    return {
      plan,
      async inject() {
        const struckAtMs = context.drills?.now();
        await service().kill(plan.signal);
        // A killed database node is a disaster a later rebuild or restore recovers from: its RPO
        // is what the ledger finds missing of what was acknowledged before the kill.
        if (struckAtMs !== undefined && service().role === 'db') context.drills?.recordDisaster({ node: plan.target, faultId: plan.id, atMs: struckAtMs, reference: undefined, binlogLost: false });
      },
      async verify(): Promise<FaultEffect> {
        const { state, matched } = await awaitState(service(), isDown, exitWaitMs);
        return matched
          ? { verified: true, detail: `${plan.target} exited with code ${state.exitCode ?? '?'} after ${plan.signal}` }
          : { verified: false, detail: `${plan.target} is still ${state.status} ${exitWaitMs / 1000}s after ${plan.signal}: the signal had no visible effect` };
      },
      revert: () => ensureRunning(service()),
    };
  },
});
