import { Op, type OpCode } from '../metrics/request-samples.js';
import { seededRandom } from './prng.js';

/** One HTTP request the load generator sends. */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

/** Number of seeded items (`seed-1` … `seed-1000`) the reference database starts with. */
export const seededItems = 1000;

/**
 * The reference workload: reads of seeded items and inserts of new items. Write ids are unique
 * per run (`<runTag>-<request index>`), so the ledger can find each write in the database.
 */
export class ReferenceWorkload {
  private readonly random: () => number;

  constructor(private readonly runTag: string, private readonly readRatio: number, seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Draws the next request's kind; call once per request in schedule order. */
  nextOp(): OpCode {
    return this.random() < this.readRatio ? Op.read : Op.write;
  }

  request(index: number, op: OpCode): HttpRequestSpec {
    if (op === Op.read) {
      return { method: 'GET', path: `/items/seed-${1 + Math.floor(this.random() * seededItems)}` };
    }
    return { method: 'POST', path: '/items', body: JSON.stringify({ id: writeId(this.runTag, index), value: writeValue(index) }) };
  }
}

/** The value write `index` stores; the ledger compares what the table holds with it. */
export function writeValue(index: number): string {
  return `value-${index}`;
}

export function writeId(runTag: string, index: number): string {
  return `${runTag}-${index}`;
}
