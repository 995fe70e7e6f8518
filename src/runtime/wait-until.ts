import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns true or `timeoutMs` passes. The last error (or a plain timeout)
 * is reported with `what`, so a failed wait says which service and which probe.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal }): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    if (performance.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs}ms waiting for ${what}${reason}`);
    }
    await sleep(interval);
  }
}

/** Thrown from a check to stop waiting at once (e.g. the container exited). */
export class GiveUp extends Error {}
