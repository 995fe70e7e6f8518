import type * as net from 'node:net';

/** How a socket ended, as a test observes it. */
export type Ending = 'end' | `error:${string}`;

/**
 * Collects everything a socket receives until it ends; resolves with the bytes and whether the
 * end was clean (FIN) or an error such as ECONNRESET.
 */
export function collect(socket: net.Socket): Promise<{ data: Buffer; ending: Ending }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ending: Ending | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      ending ??= 'end';
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      ending ??= `error:${error.code ?? error.message}`;
    });
    socket.on('close', () => resolve({ data: Buffer.concat(chunks), ending: ending ?? 'end' }));
  });
}

/** Resolves with exactly `length` bytes (rejects if the socket ends first). */
export function readExactly(socket: net.Socket, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= length) {
        cleanup();
        const all = Buffer.concat(chunks);
        if (all.length > length) socket.unshift(all.subarray(length));
        resolve(all.subarray(0, length));
      }
    };
    const onEnd = (): void => {
      cleanup();
      reject(new Error(`socket ended after ${size} of ${length} bytes`));
    };
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
  });
}

/** Resolves when the socket closes, with how it ended. */
export function ended(socket: net.Socket): Promise<Ending> {
  return collect(socket).then((r) => r.ending);
}

/** Writes `payload`, then returns ms until `expect` bytes came back. */
export async function roundTrip(socket: net.Socket, payload: Buffer | string, expect?: number): Promise<number> {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const start = performance.now();
  const reply = readExactly(socket, expect ?? bytes.length);
  socket.write(bytes);
  await reply;
  return performance.now() - start;
}

/** Deterministic pseudo-random bytes, so corruption or reordering is detectable. */
export function patternBytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * The smallest of `attempts` measurements. Load can only make a measurement late, so the best
 * attempt is the one to hold to an upper bound on a busy machine.
 */
export async function bestOf(attempts: number, measure: () => Promise<number>): Promise<{ best: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < attempts; i += 1) all.push(await measure());
  return { best: Math.min(...all), all };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
