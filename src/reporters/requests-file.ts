import { open, readFile } from 'node:fs/promises';
import type { RequestSamples } from '../metrics/request-samples.js';

const magic = 'FAULTLINE-REQUESTS-2\n';

/**
 * Writes every request of a run compactly (29 bytes per request): a magic line, the count
 * (uint32 LE), then the columns scheduledMs, sentMs, endMs (float64 LE), outcome, op (uint8),
 * status (uint16 LE) and flags (uint8, see `RequestFlag`). `faultline report` reads it back to
 * re-render a run.
 */
export async function writeRequestsFile(path: string, samples: RequestSamples): Promise<void> {
  const file = await open(path, 'w');
  try {
    const count = Buffer.alloc(4);
    count.writeUInt32LE(samples.length);
    await file.write(Buffer.from(magic));
    await file.write(count);
    for (const column of [samples.scheduledMs, samples.sentMs, samples.endMs, samples.outcome, samples.op, samples.status, samples.flags]) {
      await file.write(littleEndian(column));
    }
  } finally {
    await file.close();
  }
}

export async function readRequestsFile(path: string): Promise<RequestSamples> {
  const buffer = await readFile(path);
  if (buffer.subarray(0, magic.length).toString() !== magic) throw new Error(`${path} is not a faultline requests file`);
  let offset = magic.length;
  const n = buffer.readUInt32LE(offset);
  offset += 4;
  const take = <T>(bytes: number, make: (copy: ArrayBuffer) => T): T => {
    const copy = buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + offset + bytes * n);
    offset += bytes * n;
    return make(copy);
  };
  return {
    length: n,
    scheduledMs: take(8, (b) => new Float64Array(b)),
    sentMs: take(8, (b) => new Float64Array(b)),
    endMs: take(8, (b) => new Float64Array(b)),
    outcome: take(1, (b) => new Uint8Array(b)),
    op: take(1, (b) => new Uint8Array(b)),
    status: take(2, (b) => new Uint16Array(b)),
    flags: take(1, (b) => new Uint8Array(b)),
  };
}

/** Typed arrays are host-endian; every machine faultline runs on is little-endian, but say so. */
function littleEndian(column: Float64Array | Uint8Array | Uint16Array): Buffer {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('big-endian hosts are not supported');
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}
