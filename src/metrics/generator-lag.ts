import { RequestFlag, type RequestSamples } from './request-samples.js';

/** Why the load generator was behind for a request. */
export type LagReason = 'issued-late' | 'pool-full' | 'event-loop-stall';

/** A span of requests for which the generator was behind, for one reason. */
export interface LagWindow {
  readonly reason: LagReason;
  /** Scheduled time of the first and last affected request, ms since load start. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly requests: number;
}

export interface GeneratorLag {
  /** Requests the generator was behind for, in any way. */
  readonly requests: number;
  readonly windows: readonly LagWindow[];
}

const reasons: readonly { readonly reason: LagReason; readonly flag: number }[] = [
  { reason: 'issued-late', flag: RequestFlag.issuedLate },
  { reason: 'pool-full', flag: RequestFlag.poolWait },
  { reason: 'event-loop-stall', flag: RequestFlag.stalled },
];

/** What each reason means, for the journal and the verdict's reason. */
export const lagReasonText: Readonly<Record<LagReason, string>> = {
  'issued-late': 'requests were issued late (the host was too busy to run the generator on time)',
  'pool-full': "requests waited for a connection of the generator's own pool (raise load.maxConnections)",
  'event-loop-stall': "the generator's event loop stalled, so answers were timed late",
};

/**
 * Groups the requests the generator flagged into windows per reason: consecutive flagged
 * requests (by schedule) less than `gapMs` apart form one window. Pure.
 */
export function generatorLag(samples: RequestSamples, gapMs = 1000): GeneratorLag {
  const windows: LagWindow[] = [];
  let requests = 0;
  for (let i = 0; i < samples.length; i++) if (((samples.flags[i] as number) & (RequestFlag.issuedLate | RequestFlag.poolWait | RequestFlag.stalled)) !== 0) requests++;
  for (const { reason, flag } of reasons) {
    let open: { fromMs: number; toMs: number; requests: number } | undefined;
    for (let i = 0; i < samples.length; i++) {
      if (((samples.flags[i] as number) & flag) === 0) continue;
      const t = samples.scheduledMs[i] as number;
      if (open && t - open.toMs <= gapMs) {
        open.toMs = t;
        open.requests++;
      } else {
        if (open) windows.push({ reason, ...open });
        open = { fromMs: t, toMs: t, requests: 1 };
      }
    }
    if (open) windows.push({ reason, ...open });
  }
  windows.sort((a, b) => a.fromMs - b.fromMs);
  return { requests, windows };
}
