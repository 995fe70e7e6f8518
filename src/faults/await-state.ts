import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceHandle, ServiceState } from '../runtime/runtime.js';

/** Polls a service's state until `accept` says yes or `timeoutMs` passes; returns the last state. */
export async function awaitState(service: ServiceHandle, accept: (state: ServiceState) => boolean, timeoutMs: number): Promise<{ state: ServiceState; matched: boolean }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const state = await service.state();
    if (accept(state)) return { state, matched: true };
    if (performance.now() >= deadline) return { state, matched: false };
    await sleep(50);
  }
}

export const isDown = (state: ServiceState): boolean => state.status === 'exited' || state.status === 'dead';

/** Brings a service back to running if a fault left it stopped, exited or paused. */
export async function ensureRunning(service: ServiceHandle): Promise<void> {
  const state = await service.state();
  if (state.status === 'paused') await service.resume();
  else if (state.status === 'exited' || state.status === 'created' || state.status === 'dead') await service.start();
}
