import type { FaultKind } from '../faults/catalogue.js';

/** What happened to one fault of the timeline. Times are ms since load start. */
export interface FaultRecord {
  readonly id: string;
  readonly kind: FaultKind;
  readonly target: string;
  readonly label: string;
  readonly plannedAtMs: number;
  /** When the inject call began; `undefined` if the run ended before it was due. */
  readonly injectStartMs: number | undefined;
  /** When the inject call returned. */
  readonly injectedMs: number | undefined;
  /** When the revert began (the heal), if the fault ended during load. */
  readonly revertStartMs: number | undefined;
  /** When the revert finished, if the fault ended during load. */
  readonly revertedMs: number | undefined;
  readonly verified: boolean;
  readonly detail: string;
}
