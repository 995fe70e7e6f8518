/**
 * Fault proxy under abuse: through ONE proxy, clients that never read a download, clients that
 * reset mid-download, clients that half-close, and normal echo clients, all at once. Prints the
 * proxy process's memory growth and the echo clients' answer times under abuse against the same
 * clients alone, measured side by side in one run.
 *
 *   npx tsx bench/proxy/abuse.ts [--stalled 100] [--resetters 300] [--half-closers 100]
 *                                [--echoers 300] [--mb 8]
 *
 * The proxy runs in its own process (the standalone entry). The upstream and every client run
 * here; the upstream writes downloads round-robin, at most 256 KiB per event-loop turn, so this
 * process stays responsive and the figures are the proxy's. Each stalled download leaves ~5 MB
 * in kernel socket buffers: keep `--stalled` × that well under the machine's tcp_mem pressure
 * mark (`sysctl net.ipv4.tcp_mem`, in pages), or the kernel starts dropping packets and every
 * figure measures that instead. Prints ratios; gates nothing.
 */
import * as net from 'node:net';
import { createProxy, percentile, startProxyProcess } from './_proxy-process.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
const STALLED = Number(args.get('stalled') ?? 100);
const RESETTERS = Number(args.get('resetters') ?? 300);
const HALF_CLOSERS = Number(args.get('half-closers') ?? 100);
const ECHOERS = Number(args.get('echoers') ?? 300);
const DOWNLOAD_BYTES = Number(args.get('mb') ?? 8) * 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `D…` asks for a download, anything else is echoed; downloads share 256 KiB per turn. */
async function startUpstream(): Promise<{ port: number; written: () => number }> {
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  let written = 0;
  let turnBytes = 0;
  let turnPending = false;
  let waiting: (() => void)[] = [];
  const takeTurn = (): boolean => {
    if (!turnPending) {
      turnPending = true;
      setImmediate(() => {
        turnPending = false;
        turnBytes = 0;
        const next = waiting;
        waiting = [];
        for (const pump of next) pump();
      });
    }
    if (turnBytes >= 256 * 1024) return false;
    turnBytes += chunk.length;
    return true;
  };
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => {});
    socket.once('data', (first: Buffer) => {
      if (first[0] !== 0x44) {
        socket.write(first);
        socket.pipe(socket);
        return;
      }
      let left = DOWNLOAD_BYTES;
      const pump = (): void => {
        while (left > 0 && !socket.destroyed) {
          if (!takeTurn()) return void waiting.push(pump);
          left -= chunk.length;
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (left <= 0) socket.end();
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  return { port: (server.address() as net.AddressInfo).port, written: () => written };
}

function connect(port: number, allowHalfOpen = false): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen }, () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function connectMany(port: number, count: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  for (let i = 0; i < count; i += 100) sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => connect(port)))));
  return sockets;
}

/** Sends `message` and resolves once it has come back whole. */
function echo(socket: net.Socket, message: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const onData = (d: Buffer): void => {
      received += d.length;
      if (received < message.length) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve();
    };
    const onClose = (): void => reject(new Error('echo connection closed'));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(message);
  });
}

/** Each client: a 64-byte request, wait for the echo, think 0–50 ms, again. Answer times (ms). */
async function echoRounds(clients: readonly net.Socket[], keepGoing: (round: number) => boolean): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    clients.map(async (client, i) => {
      for (let round = 0; keepGoing(round); round += 1) {
        await sleep(Math.random() * 50);
        const start = performance.now();
        await echo(client, Buffer.from(`echo ${i} ${round} `.padEnd(64, '.')));
        samples.push(performance.now() - start);
      }
    }),
  );
  return samples;
}

/** New clients, one every 20 ms: connect, one echo, close. Connect-to-answer times (ms). */
async function newClients(port: number, keepGoing: (n: number) => boolean): Promise<number[]> {
  const probes: Promise<number>[] = [];
  for (let n = 0; keepGoing(n); n += 1) {
    probes.push(
      (async () => {
        const start = performance.now();
        const socket = await connect(port);
        await echo(socket, Buffer.from('new client '.padEnd(64, '.')));
        socket.destroy();
        return performance.now() - start;
      })(),
    );
    await sleep(20);
  }
  return Promise.all(probes);
}

async function abuse(port: number): Promise<{ stalled: net.Socket[]; done: Promise<void> }> {
  const stalled = await connectMany(port, STALLED);
  for (const socket of stalled) {
    socket.pause();
    socket.write('D');
  }
  const resets = Array.from({ length: RESETTERS }, async () => {
    for (let cycle = 0; cycle < 3; cycle += 1) {
      const socket = await connect(port);
      await new Promise<void>((resolve) => {
        let received = 0;
        socket.on('data', (d: Buffer) => {
          received += d.length;
          if (received >= 64 * 1024) resolve();
        });
        socket.once('close', () => resolve());
        socket.write('D');
      });
      socket.resetAndDestroy();
    }
  });
  const halfCloses = Array.from({ length: HALF_CLOSERS }, async () => {
    for (let cycle = 0; cycle < 3; cycle += 1) {
      const socket = await connect(port, true);
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.resume();
      socket.end(Buffer.alloc(16 * 1024, 0x45));
      await closed;
    }
  });
  return { stalled, done: Promise.all([...resets, ...halfCloses]).then(() => undefined) };
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits).padStart(10);
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const proxy = await startProxyProcess();
  try {
    const port = await createProxy(proxy.url, 'abused', upstream.port);
    const echoers = await connectMany(port, ECHOERS);
    await echoRounds(echoers, (round) => round < 3); // warm-up (JIT)
    const [alone, newAlone] = await Promise.all([echoRounds(echoers, (round) => round < 10), newClients(port, (n) => n < 25)]);

    const before = proxy.memory();
    let abusing = true;
    const settled = (async () => {
      const { stalled, done } = await abuse(port);
      await done;
      // Settled once every stalled download is blocked on backpressure.
      for (let last = -1; upstream.written() !== last; ) {
        last = upstream.written();
        await sleep(300);
      }
      abusing = false;
      return stalled;
    })();
    const start = performance.now();
    const [underAbuse, newUnderAbuse] = await Promise.all([
      echoRounds(echoers, (round) => round < 10 || abusing),
      newClients(port, (n) => n < 25 || abusing),
    ]);
    const stalled = await settled;
    const seconds = (performance.now() - start) / 1000;
    const after = proxy.memory();
    for (const socket of [...stalled, ...echoers]) socket.destroy();

    console.log(
      `faultline proxy under abuse (Node ${process.version}): ${STALLED} stalled readers of ${DOWNLOAD_BYTES / 1024 / 1024} MB, ` +
        `${RESETTERS}×3 resets, ${HALF_CLOSERS}×3 half-closes, ${ECHOERS} echo clients; abuse lasted ${seconds.toFixed(1)} s`,
    );
    console.log('');
    console.log(
      `proxy process memory: rss ${mib(before.rss)} -> ${mib(after.rss)} (+${mib(after.rss - before.rss)}), ` +
        `peak +${mib(after.peakRss - before.peakRss)} (growth / stalled readers: ${((after.rss - before.rss) / STALLED / 1024).toFixed(0)} KiB)`,
    );
    console.log('');
    console.log('answer time (ms)                  alone  under abuse      ratio');
    const rows: [string, number[], number[]][] = [
      ['echo clients', alone, underAbuse],
      ['new clients (connect + echo)', newAlone, newUnderAbuse],
    ];
    for (const [name, quiet, loud] of rows) {
      for (const p of [50, 99]) {
        const a = percentile(quiet, p);
        const b = percentile(loud, p);
        console.log(`  ${`${name} p${p}`.padEnd(31)}${fmt(a)} ${fmt(b)} ${fmt(b / a, 2)}`);
      }
    }
  } finally {
    await proxy.stop();
  }
  process.exit(0);
}

await main();
