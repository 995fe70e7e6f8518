import { bandwidthToxic } from './bandwidth.js';
import { latencyToxic } from './latency.js';
import { limitDataToxic } from './limit-data.js';
import { noopToxic } from './noop.js';
import { resetPeerToxic } from './reset-peer.js';
import { slicerToxic } from './slicer.js';
import { slowCloseToxic } from './slow-close.js';
import { timeoutToxic } from './timeout.js';
import type { ToxicKind } from './toxic.js';

/** Toxiproxy 2.12's registered toxic types (`down` is not one: it is `enabled: false`). */
const KINDS: ReadonlyMap<string, ToxicKind> = new Map(
  [latencyToxic, bandwidthToxic, slowCloseToxic, timeoutToxic, resetPeerToxic, slicerToxic, limitDataToxic, noopToxic].map(
    (kind) => [kind.type, kind],
  ),
);

/** The toxic type registered under `type` (case-sensitive, as in Toxiproxy). */
export function findToxicKind(type: string): ToxicKind | undefined {
  return KINDS.get(type);
}
