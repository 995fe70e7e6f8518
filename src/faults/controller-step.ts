import type { FaultResolveContext } from '../scenario/fault-resolver.js';
import type { FaultPlanBase } from '../scenario/plan.js';
import type { ControllerActionResult, ControllerClient } from '../stack/controller-client.js';
import type { Fault, FaultEffect } from './fault.js';

/** The controller refuses a step unless the stack has one. */
export function requireController(kind: string, { field, stack, check }: FaultResolveContext): void {
  if (stack.controller === undefined) {
    check.add(`${field}.kind`, `'${kind}' needs the failover controller: set stack.db.replication to 'async' or 'semi-sync'`);
  }
}

/**
 * A game-day step carried out by the failover controller (a planned switchover, a manual
 * promotion). It took effect when the controller reports the expected primary — `expected`, or
 * any other node when `undefined`. Nothing to revert.
 */
export function controllerStep(
  plan: FaultPlanBase,
  controller: ControllerClient | undefined,
  expected: string | undefined,
  act: (controller: ControllerClient) => Promise<ControllerActionResult>,
): Fault {
  if (!controller) throw new Error(`${plan.id} (${plan.label}) needs the failover controller, but the stack has none`);
  let before: string | undefined;
  let result: ControllerActionResult | undefined;
  return {
    plan,
    async inject() {
      before = (await controller.status()).primary;
      result = await act(controller);
    },
    async verify(): Promise<FaultEffect> {
      const status = await controller.status();
      const moved = expected === undefined ? status.primary !== before : status.primary === expected;
      const took = result?.ms === undefined ? '' : ` in ${result.ms} ms`;
      return result?.ok && moved
        ? { verified: true, detail: `primary ${before} → ${status.primary}${took} (epoch ${status.epoch})` }
        : { verified: false, detail: `primary is ${status.primary} (was ${before})${result?.error ? `: ${result.error}` : ''}` };
    },
    revert: () => Promise.resolve(),
  };
}
