import type { FaultPlan } from '../scenario/plan.js';
import type { ControllerActionResult, ControllerClient } from '../stack/controller-client.js';
import type { Fault, FaultEffect } from './fault.js';

/**
 * A game-day step carried out by the failover controller: a planned switchover, or a manual
 * promotion. Took effect when the controller reports the expected primary; nothing to revert.
 */
export function controllerStepFault(plan: FaultPlan, controller: ControllerClient | undefined): Fault {
  if (!controller) throw new Error(`${plan.id} (${plan.label}) needs the failover controller, but the stack has none`);
  let before: string | undefined;
  let result: ControllerActionResult | undefined;
  return {
    plan,
    async inject() {
      before = (await controller.status()).primary;
      result = plan.kind === 'promote' ? await controller.promote(plan.target) : await controller.switchover(plan.target === 'controller' ? undefined : plan.target);
    },
    async verify(): Promise<FaultEffect> {
      const status = await controller.status();
      const expected = plan.target === 'controller' ? undefined : plan.target;
      const moved = expected === undefined ? status.primary !== before : status.primary === expected;
      const took = result?.ms === undefined ? '' : ` in ${result.ms} ms`;
      return result?.ok && moved
        ? { verified: true, detail: `primary ${before} → ${status.primary}${took} (epoch ${status.epoch})` }
        : { verified: false, detail: `primary is ${status.primary} (was ${before})${result?.error ? `: ${result.error}` : ''}` };
    },
    revert: () => Promise.resolve(),
  };
}
