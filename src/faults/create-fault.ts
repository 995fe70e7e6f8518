import type { FaultPlan } from '../scenario/plan.js';
import type { Fault, FaultContext } from './fault.js';
import { controllerStepFault } from './controller-step-fault.js';
import { isolateFault } from './isolate-fault.js';
import { killFault } from './kill-fault.js';
import { pauseFault } from './pause-fault.js';
import { restartFault } from './restart-fault.js';
import { stopFault } from './stop-fault.js';
import { toxicFault } from './toxic-fault.js';

/** The fault catalogue: a plan entry → the fault that injects, verifies and reverts it. */
export function createFault(plan: FaultPlan, context: FaultContext): Fault {
  switch (plan.kind) {
    case 'kill': return killFault(plan, context);
    case 'pause': return pauseFault(plan, context);
    case 'restart': return restartFault(plan, context);
    case 'stop': return stopFault(plan, context);
    case 'isolate': return isolateFault(plan, context);
    case 'switchover':
    case 'promote': return controllerStepFault(plan, context.controller);
    default: return toxicFault(plan, context);
  }
}
