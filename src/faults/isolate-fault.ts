import type { FaultPlan } from '../scenario/plan.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';

/**
 * Disconnects the service's container from the run's network (Docker network disconnect): every
 * path to it is cut, proxied or not. Revert reconnects it under its name.
 */
export function isolateFault(plan: FaultPlan, context: FaultContext): Fault {
  const service = (): ReturnType<FaultContext['service']> => context.service(plan.target);
  return {
    plan,
    inject: () => service().isolate(),
    async verify(): Promise<FaultEffect> {
      return await service().connected()
        ? { verified: false, detail: `${plan.target} is still attached to the run's network` }
        : { verified: true, detail: `${plan.target} is disconnected from the run's network` };
    },
    revert: () => service().rejoin(),
  };
}
