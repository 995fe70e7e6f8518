/**
 * The single-writer check: never two database nodes that accept writes at the same time.
 *
 * The database watch asks every node, every ~250 ms, whether it accepts writes; a *round* is one
 * such pass over all nodes, and each node's reading carries the time its own answer came back.
 * A reading is conclusive when it says `writable` or `read-only` (the node answered), or `down` /
 * `frozen` (the runtime says the node is not running, or is paused, so nothing can write to it).
 * `unknown` (the query failed and the runtime could not say why) is not "not writable".
 *
 * - **fail**: one round has two nodes `writable`, their answers at most
 *   {@link simultaneousReadingsMs} apart: proof of a split brain.
 * - **inconclusive**: around a fault (from its injection until the later of its end and
 *   {@link faultSettleMs} after the injection, or until the data ends) the watch was blind for
 *   longer than {@link maxBlindGapMs} (no conclusive round), or a round saw one node writable while
 *   another was `unknown`; also any round with two writable nodes whose answers are further apart
 *   than {@link simultaneousReadingsMs} (no proof either way).
 * - **pass** otherwise.
 */
import { formatDuration } from '../scenario/duration.js';

/**
 * A blind stretch longer than this around a fault makes the check inconclusive: a split brain
 * shorter than the stretch could fall between two rounds unseen. Six sampling intervals (250 ms),
 * not four: on the 2-core reference runner rounds land ≈ 280 ms apart, but while a MariaDB
 * container is being (re)started every `docker exec` slows down and rounds land up to 0.9 s apart
 * (1.0 s once, in nine runs of the database scenarios), so a 1 s bound would turn CI verdicts
 * `unknown` by chance. A split brain must still be over within 1.5 s to go unseen, less than the
 * controller's own steps take (lease 2 s; promotion 2.5 s after the last contact), so an old
 * primary that keeps taking writes because fencing failed is caught.
 */
export const maxBlindGapMs = 1_500;

/** Two `writable` answers this close together count as the same moment. */
export const simultaneousReadingsMs = 100;

/** How long after a fault's injection its window lasts at least (faults that end at once, e.g. a kill or a switchover). */
export const faultSettleMs = 5_000;

/** What one node's reading says about whether it accepts writes. */
export type WriteState = 'writable' | 'read-only' | 'down' | 'frozen' | 'unknown';

/** One node's answer in a round. */
export interface NodeReading {
  readonly state: WriteState;
  /** Milliseconds since load start when this node's answer (or the runtime's) came back. */
  readonly atMs: number;
  /** Why, for `down`, `frozen` and `unknown`: `exited (137)`, `paused`, `not listening`, the error. */
  readonly detail?: string;
}

/** One pass of the watch over every database node. */
export interface WriterRound {
  /** Node → its reading; a node missing from a round counts as `unknown`. */
  readonly readings: Readonly<Record<string, NodeReading>>;
}

/** A fault's window on the load's time axis (ms since load start). */
export interface FaultWindowInput {
  readonly id: string;
  readonly label: string;
  readonly startMs: number;
  /** When the fault ended (its revert finished); `undefined` if it lasted until the data ends. */
  readonly endMs: number | undefined;
}

export interface SingleWriterOptions {
  /** @default maxBlindGapMs (1500) */
  readonly maxGapMs?: number;
  /** @default simultaneousReadingsMs (100) */
  readonly simultaneousMs?: number;
  /** @default faultSettleMs (5000) */
  readonly settleMs?: number;
  /** Where the data ends; @default the last reading's time */
  readonly dataEndMs?: number;
}

/** Two nodes writable at the same moment. */
export interface SingleWriterViolation {
  readonly atMs: number;
  readonly nodes: readonly string[];
  /** How far apart the writable answers were. */
  readonly apartMs: number;
}

/** Why the check could not tell. */
export interface SingleWriterDoubt {
  readonly kind: 'blind-gap' | 'writable-and-unknown' | 'writers-apart';
  /** The fault whose window it falls in, if any. */
  readonly faultId: string | undefined;
  readonly faultLabel: string | undefined;
  readonly atMs: number;
  /** For `blind-gap`: how long no conclusive round came back. */
  readonly gapMs: number | undefined;
  readonly detail: string;
}

/** How well the watch saw one fault's window. */
export interface FaultCoverage {
  readonly faultId: string;
  readonly label: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** The longest stretch of the window without a conclusive round. */
  readonly maxGapMs: number;
  /** Where that stretch began. */
  readonly gapFromMs: number;
}

export interface SingleWriterResult {
  readonly status: 'pass' | 'fail' | 'inconclusive';
  readonly rounds: number;
  /** Rounds in which every node's reading was conclusive. */
  readonly conclusiveRounds: number;
  /** Largest gap between consecutive conclusive rounds over the whole run. */
  readonly maxGapMs: number;
  /** The gap allowed around a fault. */
  readonly maxGapBoundMs: number;
  readonly violations: readonly SingleWriterViolation[];
  readonly doubts: readonly SingleWriterDoubt[];
  readonly faults: readonly FaultCoverage[];
  /** Conclusive rounds in which no node was writable (a write outage seen from the database side). */
  readonly noWriter: number;
}

interface Span {
  /** Earliest answer of the round. */
  readonly fromMs: number;
  /** Latest answer of the round. */
  readonly toMs: number;
}

const conclusiveStates: ReadonlySet<WriteState> = new Set(['writable', 'read-only', 'down', 'frozen']);

/** Checks the single-writer invariant over a run's rounds and the faults' windows. Pure. */
export function checkSingleWriter(rounds: readonly WriterRound[], faults: readonly FaultWindowInput[] = [], options: SingleWriterOptions = {}): SingleWriterResult {
  const maxGapMs = options.maxGapMs ?? maxBlindGapMs;
  const simultaneousMs = options.simultaneousMs ?? simultaneousReadingsMs;
  const settleMs = options.settleMs ?? faultSettleMs;
  const nodes = [...new Set(rounds.flatMap((r) => Object.keys(r.readings)))].sort();
  const ordered = rounds.map((round) => ({ round, span: spanOf(round) })).filter((r) => r.span !== undefined)
    .sort((a, b) => a.span!.fromMs - b.span!.fromMs) as { round: WriterRound; span: Span }[];
  const dataEndMs = options.dataEndMs ?? Math.max(-Infinity, ...ordered.map((r) => r.span.toMs));

  const violations: SingleWriterViolation[] = [];
  const doubts: SingleWriterDoubt[] = [];
  const conclusive: Span[] = [];
  const writableAndUnknown: { atMs: number; writers: string[]; unknown: { node: string; detail: string }[] }[] = [];
  let noWriter = 0;
  for (const { round, span } of ordered) {
    const readingOf = (node: string): NodeReading => round.readings[node] ?? { state: 'unknown', atMs: span.toMs, detail: 'not asked' };
    const writers = nodes.filter((node) => readingOf(node).state === 'writable');
    const unknown = nodes.filter((node) => !conclusiveStates.has(readingOf(node).state));
    if (unknown.length === 0) {
      conclusive.push(span);
      if (writers.length === 0) noWriter++;
    }
    if (writers.length > 0 && unknown.length > 0) {
      writableAndUnknown.push({ atMs: span.fromMs, writers, unknown: unknown.map((node) => ({ node, detail: readingOf(node).detail ?? 'no answer' })) });
    }
    if (writers.length > 1) {
      const close = new Set<string>();
      let apartMs = Infinity;
      for (const a of writers) {
        for (const b of writers) {
          if (a >= b) continue;
          const apart = Math.abs(readingOf(a).atMs - readingOf(b).atMs);
          apartMs = Math.min(apartMs, apart);
          if (apart <= simultaneousMs) close.add(a).add(b);
        }
      }
      if (close.size > 1) violations.push({ atMs: span.fromMs, nodes: [...close].sort(), apartMs });
      else {
        doubts.push({
          kind: 'writers-apart', faultId: undefined, faultLabel: undefined, atMs: span.fromMs, gapMs: undefined,
          detail: `at ${fmt(span.fromMs)} ${writers.join(' and ')} answered writable ${fmt(apartMs)} apart: more than ${fmt(simultaneousMs)}, so neither proof of two writers nor of one`,
        });
      }
    }
  }

  let runGapMs = 0;
  for (let i = 1; i < conclusive.length; i++) runGapMs = Math.max(runGapMs, conclusive[i]!.toMs - conclusive[i - 1]!.fromMs);

  const coverage: FaultCoverage[] = [];
  for (const fault of [...faults].sort((a, b) => a.startMs - b.startMs)) {
    const fromMs = fault.startMs;
    const toMs = Math.min(Math.max(fault.endMs ?? dataEndMs, fromMs + settleMs), dataEndMs);
    if (!(toMs > fromMs)) continue; // injected after the data ended: nothing was watched, nothing to say
    const gap = longestBlindStretch(conclusive, fromMs, toMs);
    coverage.push({ faultId: fault.id, label: fault.label, fromMs, toMs, maxGapMs: gap.gapMs, gapFromMs: gap.fromMs });
    if (gap.gapMs > maxGapMs) {
      doubts.push({
        kind: 'blind-gap', faultId: fault.id, faultLabel: fault.label, atMs: gap.fromMs, gapMs: gap.gapMs,
        detail: `around ${fault.label} (${fmt(fromMs)}–${fmt(toMs)}) no conclusive reading of every node for ${Math.round(gap.gapMs)}ms from ${fmt(gap.fromMs)} (more than ${Math.round(maxGapMs)}ms)`,
      });
    }
    const blurred = writableAndUnknown.find((r) => r.atMs >= fromMs && r.atMs <= toMs);
    if (blurred) {
      doubts.push({
        kind: 'writable-and-unknown', faultId: fault.id, faultLabel: fault.label, atMs: blurred.atMs, gapMs: undefined,
        detail: `around ${fault.label}, at ${fmt(blurred.atMs)} ${blurred.writers.join(', ')} was writable while ${blurred.unknown.map((u) => `${u.node} could not be read (${u.detail})`).join(', ')}`,
      });
    }
  }

  return {
    status: violations.length > 0 ? 'fail' : doubts.length > 0 ? 'inconclusive' : 'pass',
    rounds: ordered.length,
    conclusiveRounds: conclusive.length,
    maxGapMs: runGapMs,
    maxGapBoundMs: maxGapMs,
    violations,
    doubts,
    faults: coverage,
    noWriter,
  };
}

function spanOf(round: WriterRound): Span | undefined {
  const times = Object.values(round.readings).map((r) => r.atMs);
  if (times.length === 0) return undefined;
  return { fromMs: Math.min(...times), toMs: Math.max(...times) };
}

/**
 * The longest stretch of [fromMs, toMs] not covered by conclusive rounds. Between two consecutive
 * conclusive rounds the blind stretch runs from the earlier round's first answer to the later
 * round's last (the longest any node can have gone unobserved); clipped to the window.
 */
function longestBlindStretch(conclusive: readonly Span[], fromMs: number, toMs: number): { gapMs: number; fromMs: number } {
  let best = { gapMs: 0, fromMs };
  let departure = fromMs;
  for (const span of conclusive) {
    if (span.toMs < fromMs) {
      departure = fromMs;
      continue;
    }
    if (span.fromMs > toMs) {
      const gap = toMs - departure;
      if (gap > best.gapMs) best = { gapMs: gap, fromMs: departure };
      return best;
    }
    const gap = Math.min(span.toMs, toMs) - departure;
    if (gap > best.gapMs) best = { gapMs: gap, fromMs: departure };
    departure = Math.max(span.fromMs, fromMs);
  }
  const tail = toMs - departure;
  if (tail > best.gapMs) best = { gapMs: tail, fromMs: departure };
  return best;
}

function fmt(ms: number): string {
  return formatDuration(Math.round(ms));
}
