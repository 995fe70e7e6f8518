import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';

/**
 * Generates request ids in the format Toxiproxy sends in `X-Toxiproxy-Request-Id` (rs/xid:
 * 4-byte time, 3-byte machine id, 2-byte pid, 3-byte counter, 20 base32hex characters).
 */
export function createRequestIdGenerator(): () => string {
  const machine = randomBytes(3);
  let counter = randomBytes(3).readUIntBE(0, 3);
  return () => {
    counter = (counter + 1) % 0x1000000;
    const id = Buffer.alloc(12);
    id.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
    machine.copy(id, 4);
    id.writeUInt16BE(process.pid & 0xffff, 7);
    id.writeUIntBE(counter, 9, 3);
    return base32hex(id);
  };
}

function base32hex(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
