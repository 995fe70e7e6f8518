import type { RequestSamples } from './request-samples.js';

/**
 * The last instant the data speaks for: the latest completion or scheduled time of any request.
 * Windows still open there (an outage, a phase) end at this time; 0 for an empty run.
 */
export function dataEndMs(samples: RequestSamples): number {
  let end = 0;
  for (let i = 0; i < samples.length; i++) {
    const scheduled = samples.scheduledMs[i] as number;
    const ended = samples.endMs[i] as number;
    if (scheduled > end) end = scheduled;
    if (ended > end) end = ended;
  }
  return end;
}
