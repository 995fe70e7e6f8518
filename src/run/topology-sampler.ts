import type { StartedStack } from '../stack/reference-stack.js';

/**
 * Samples the load balancer's view of its servers every `intervalMs` and reports each change
 * (e.g. `app-1 UP → DOWN`), so the journal shows when the LB noticed a fault and when it healed.
 */
export function sampleTopology(stack: StartedStack, onChange: (server: string, from: string, to: string) => void, intervalMs = 250): { stop(): void } {
  const known = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    try {
      for (const server of await stack.backendStates()) {
        const simple = server.up ? 'UP' : 'DOWN';
        const before = known.get(server.name);
        if (before !== undefined && before !== simple) onChange(server.name, before, simple);
        known.set(server.name, simple);
      }
    } catch {
      // the LB itself may be the fault's target; its absence shows in the load
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
