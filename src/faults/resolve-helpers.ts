import { formatDuration } from '../scenario/duration.js';
import type { FaultResolveContext } from '../scenario/fault-resolver.js';

type Fields = Readonly<Record<string, unknown>>;

/** `target`: one of the stack's services. */
export function targetService(fault: Fields, { field, stack, check }: FaultResolveContext): string {
  return check.string(fault.target, `${field}.target`, { fallback: '', required: true, oneOf: stack.services.map((service) => service.name) });
}

/** An optional positive duration field, in milliseconds. */
export function optionalDurationMs(fault: Fields, key: string, { field, check }: FaultResolveContext): number | undefined {
  return fault[key] === undefined ? undefined : check.durationMs(fault[key], `${field}.${key}`, { fallback: 1000, minMs: 1 });
}

/** ` for 5s`, or nothing for a fault without an end. */
export function lasting(durationMs: number | undefined): string {
  return durationMs === undefined ? '' : ` for ${formatDuration(durationMs)}`;
}
