import type { Duration, TimelineEntryInput } from './types.js';
import type { FaultInput } from '../faults/catalogue.js';

/** A timeline entry: `at('10s', kill('app-1'))`. */
export function at(time: Duration, fault: FaultInput): TimelineEntryInput {
  return { at: time, fault };
}
