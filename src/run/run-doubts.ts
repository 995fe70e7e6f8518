import { lagReasonText } from '../metrics/generator-lag.js';
import { formatDuration } from '../scenario/duration.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import type { FaultRecord } from './fault-record.js';
import type { LoadReport } from './run-result.js';

/**
 * Why a pass of this run would not mean what it says, even with every objective met: a planned
 * fault not injected or not verified, the load generator behind its schedule.
 */
export function runDoubts(outcome: { readonly faults: readonly FaultRecord[]; readonly load?: Pick<LoadReport, 'generatorLag'> | undefined }, plan: ScenarioPlan): string[] {
  const doubts: string[] = [];
  for (const planned of plan.timeline) {
    const fault = outcome.faults.find((f) => f.id === planned.id);
    if (fault === undefined || fault.injectStartMs === undefined) {
      doubts.push(`${planned.id} (${planned.label}) planned at ${formatDuration(planned.atMs)}: ${fault ? fault.detail : 'not injected'}`);
    } else if (!fault.verified) {
      doubts.push(`${fault.id} (${fault.label}) was not verified to have taken effect: ${fault.detail}`);
    }
  }
  const lag = outcome.load?.generatorLag;
  if (lag && lag.requests > 0) {
    const reasons = [...new Set(lag.windows.map((w) => lagReasonText[w.reason]))];
    doubts.push(`the load generator fell behind its schedule for ${lag.requests} request(s): ${reasons.join('; ')}`);
  }
  return doubts;
}

