import { Op, type OpCode } from './request-samples.js';

/**
 * A set of request ops as a bit mask (bit `1 << OpCode`), so a filter is one AND per request
 * over millions of rows.
 */
export type OpMask = number;

/** Ready-made masks: only reads, only writes, or every request. */
export const OpMask = {
  read: 1 << Op.read,
  write: 1 << Op.write,
  all: (1 << Op.read) | (1 << Op.write),
} as const;

/** The mask for one op name, or every op when `op` is `undefined` (no filter). */
export function opMaskFor(op: 'read' | 'write' | undefined): OpMask {
  return op === undefined ? OpMask.all : OpMask[op];
}

/** Whether a request with op code `op` passes `mask`. */
export function inOpMask(mask: OpMask, op: OpCode | number): boolean {
  return (mask & (1 << op)) !== 0;
}
