import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultPlan } from '../faults/catalogue.js';
import { createFault } from '../faults/registry.js';
import type { FaultContext } from '../faults/fault.js';

import type { FaultRecord } from './fault-record.js';
import { withTimeout } from '../with-timeout.js';
import type { Teardowns } from './teardowns.js';

export interface TimelineDeps {
  readonly context: FaultContext;
  readonly teardowns: Teardowns;
  /** Milliseconds since load start. */
  readonly elapsedMs: () => number;
  /** Stops the timeline: no fault is injected once it is aborted (the end of load, Ctrl-C). */
  readonly signal: AbortSignal;
  /** Ctrl-C, SIGTERM, the deadline: also cuts short an inject or verify in progress. */
  readonly interrupt?: AbortSignal;
  readonly onEvent: (type: string, data: Record<string, unknown>) => void;
  /** Bound on a fault's inject and verify together (a restart waits for readiness). @default 150_000 */
  readonly stepTimeoutMs?: number;
}

const defaultStepTimeoutMs = 150_000;
/**
 * A fault's `prepare` (a latency baseline through a healthy link) starts this long before the
 * fault is due, so it never delays it; at the due time the fault waits at most
 * {@link prepareGraceMs} more for it, and is otherwise injected without it.
 */
const prepareLeadMs = 1500;
const prepareGraceMs = 250;

/**
 * Plays the timeline against the running stack: each fault at its time, concurrently with the
 * others. A fault's revert is registered before it is injected; a fault with a duration is
 * reverted when the duration ends, the rest at teardown.
 */
export function runTimeline(faults: readonly FaultPlan[], deps: TimelineDeps): Promise<FaultRecord[]> {
  return Promise.all(faults.map((plan) => runFault(plan, deps)));
}

async function runFault(plan: FaultPlan, deps: TimelineDeps): Promise<FaultRecord> {
  const base = { id: plan.id, kind: plan.kind, target: plan.target, label: plan.label, plannedAtMs: plan.atMs };
  const notInjected = { ...base, injectStartMs: undefined, injectedMs: undefined, revertStartMs: undefined, revertedMs: undefined, verified: false, detail: 'not injected: the run ended before it was due' };
  if (!await sleepUntil(plan.atMs - prepareLeadMs, deps)) return notInjected;
  const fault = createFault(plan, deps.context);
  const preparing = (fault.prepare?.() ?? Promise.resolve()).catch(() => undefined);
  if (!await sleepUntil(plan.atMs, deps)) return notInjected;
  await Promise.race([preparing, sleep(prepareGraceMs)]);
  // Checked again right before the inject: the end of load (or Ctrl-C) may have come meanwhile.
  if (deps.signal.aborted) return notInjected;
  const revert = deps.teardowns.register(`revert ${plan.id} (${plan.label})`, () => fault.revert());
  const injectStartMs = deps.elapsedMs();
  deps.onEvent('fault-inject', { fault: plan.id, label: plan.label, atMs: injectStartMs });
  let effect: { verified: boolean; detail: string };
  try {
    const work = withTimeout((async () => {
      await fault.inject();
      return fault.verify();
    })(), deps.stepTimeoutMs ?? defaultStepTimeoutMs, `${plan.id} (${plan.label}) inject and verify`);
    effect = await (deps.interrupt ? raceInterrupt(work, deps.interrupt) : work);
  } catch (error) {
    effect = { verified: false, detail: `inject failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const injectedMs = deps.elapsedMs();
  deps.onEvent('fault-injected', { fault: plan.id, atMs: injectedMs, verified: effect.verified, detail: effect.detail });

  let revertStartMs: number | undefined;
  let revertedMs: number | undefined;
  if (plan.durationMs !== undefined && await sleepUntil(injectStartMs + plan.durationMs, deps)) {
    revertStartMs = deps.elapsedMs();
    deps.onEvent('fault-revert', { fault: plan.id, atMs: revertStartMs });
    await revert.run();
    revertedMs = deps.elapsedMs();
    const failure = deps.teardowns.failures.find((f) => f.name.startsWith(`revert ${plan.id} `));
    deps.onEvent('fault-reverted', { fault: plan.id, atMs: revertedMs, ...(failure ? { error: failure.error } : {}) });
  }
  return { ...base, injectStartMs, injectedMs, revertStartMs, revertedMs, ...effect };
}

/** `work`, or "interrupted" as soon as the run is stopped: Ctrl-C must not wait for a verify to finish. */
function raceInterrupt<T extends { verified: boolean; detail: string }>(work: Promise<T>, interrupt: AbortSignal): Promise<T | { verified: false; detail: string }> {
  const interrupted = { verified: false as const, detail: 'not verified: the run was stopped while it was being injected' };
  if (interrupt.aborted) return Promise.resolve(interrupted);
  return Promise.race([work, new Promise<typeof interrupted>((resolve) => interrupt.addEventListener('abort', () => resolve(interrupted), { once: true }))]);
}

/** Sleeps until `atMs` after load start (never a little early, as a bare timer may); false if the run was aborted first. */
async function sleepUntil(atMs: number, deps: TimelineDeps): Promise<boolean> {
  for (;;) {
    if (deps.signal.aborted) return false;
    const wait = atMs - deps.elapsedMs();
    if (wait <= 0) return true;
    try {
      await sleep(Math.ceil(wait), undefined, { signal: deps.signal });
    } catch {
      return false;
    }
  }
}
