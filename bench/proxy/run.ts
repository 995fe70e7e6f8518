/**
 * Fault proxy benchmark: throughput and added latency through the proxy (no toxics) versus a
 * direct connection to the same servers, measured side by side in one run.
 *
 *   npx tsx bench/proxy/run.ts [--mb 256] [--round-trips 20000]
 *
 * The proxy runs in its own process (the standalone entry), as it does in a container, so the
 * client and the servers here do not share its event loop. Prints ratios; gates nothing.
 */
import * as net from 'node:net';
import { createProxy, percentile, startProxyProcess } from './_proxy-process.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
const BULK_MB = Number(args.get('mb') ?? 256);
const ROUND_TRIPS = Number(args.get('round-trips') ?? 20_000);
const REPEATS = 3;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Writes BULK_MB to every client, then closes. */
async function startSource(): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  return listen(
    net.createServer((socket) => {
      let left = BULK_MB * 1024 * 1024;
      const pump = (): void => {
        while (left > 0) {
          left -= chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        socket.end();
      };
      socket.on('error', () => {});
      pump();
    }),
  );
}

async function startEcho(): Promise<number> {
  return listen(
    net.createServer((socket) => {
      socket.setNoDelay(true);
      socket.on('error', () => {});
      socket.pipe(socket);
    }),
  );
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/** MB/s receiving the whole bulk transfer. */
async function throughput(port: number): Promise<number> {
  const socket = await connect(port);
  const start = process.hrtime.bigint();
  let bytes = 0;
  await new Promise<void>((resolve) => {
    socket.on('data', (d: Buffer) => (bytes += d.length));
    socket.on('close', () => resolve());
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return bytes / 1024 / 1024 / seconds;
}

/** Per-round-trip latency (µs) of 64-byte ping-pongs over one connection. */
async function pingPong(port: number): Promise<number[]> {
  const socket = await connect(port);
  const message = Buffer.alloc(64, 0x61);
  const samples: number[] = [];
  await new Promise<void>((resolve) => {
    let pending = message.length;
    let sentAt = process.hrtime.bigint();
    socket.on('data', (d: Buffer) => {
      pending -= d.length;
      if (pending > 0) return;
      samples.push(Number(process.hrtime.bigint() - sentAt) / 1e3);
      if (samples.length >= ROUND_TRIPS) return resolve();
      pending = message.length;
      sentAt = process.hrtime.bigint();
      socket.write(message);
    });
    socket.write(message);
  });
  socket.destroy();
  return samples;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  const sourcePort = await startSource();
  const echoPort = await startEcho();
  const proxy = await startProxyProcess();
  try {
    const proxiedSource = await createProxy(proxy.url, 'source', sourcePort);
    const proxiedEcho = await createProxy(proxy.url, 'echo', echoPort);

    const direct: number[] = [];
    const proxied: number[] = [];
    await throughput(proxiedSource); // warm-up
    for (let i = 0; i < REPEATS; i += 1) {
      direct.push(await throughput(sourcePort));
      proxied.push(await throughput(proxiedSource));
    }

    await pingPong(proxiedEcho); // warm-up (JIT)
    const directRtt = await pingPong(echoPort);
    const proxiedRtt = await pingPong(proxiedEcho);

    const tDirect = median(direct);
    const tProxied = median(proxied);
    console.log(`faultline proxy benchmark (Node ${process.version}, ${BULK_MB} MB bulk × ${REPEATS}, ${ROUND_TRIPS} round trips)`);
    console.log('');
    console.log('throughput (MB/s, median)      direct    proxied    ratio');
    console.log(`  bulk download           ${fmt(tDirect)}  ${fmt(tProxied)}  ${fmt(tProxied / tDirect, 2)}`);
    console.log('');
    console.log('round trip (µs)               direct    proxied    added    ratio');
    for (const p of [50, 99]) {
      const d = percentile(directRtt, p);
      const x = percentile(proxiedRtt, p);
      console.log(`  p${String(p).padEnd(22)}${fmt(d)}  ${fmt(x)}  ${fmt(x - d)}  ${fmt(x / d, 2)}`);
    }
  } finally {
    await proxy.stop();
  }
  process.exit(0);
}

await main();
