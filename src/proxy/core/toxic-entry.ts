import type { Attributes, ToxicKind } from '../toxics/toxic.js';

/** Which bytes a toxic sees: `upstream` = client → server, `downstream` = server → client. */
export type Direction = 'upstream' | 'downstream';

/**
 * A toxic as configured on a proxy (Toxiproxy's `ToxicWrapper`). Mutable: an update replaces
 * `attributes` and `toxicity` in place and the live connections restart it.
 */
export interface ToxicEntry {
  readonly name: string;
  readonly type: string;
  /** The stream exactly as the client wrote it (parsed case-insensitively, echoed as given). */
  readonly stream: string;
  readonly direction: Direction;
  readonly kind: ToxicKind;
  attributes: Attributes;
  /** Probability (float32) that a connection-direction runs the toxic rather than a no-op. */
  toxicity: number;
}

/** `stream.ParseDirection`: case-insensitive `upstream` / `downstream`. */
export function parseDirection(stream: string): Direction | undefined {
  const lower = stream.toLowerCase();
  return lower === 'upstream' || lower === 'downstream' ? lower : undefined;
}
