import { main } from './main.js';
import { line } from './output.js';

/**
 * The process entry: wires signals to an abort (first Ctrl-C/SIGTERM stops the run and cleans
 * up; a third forces exit, leaving leftovers for `faultline cleanup`) and sets the exit code.
 */
const controller = new AbortController();
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    signals++;
    if (signals === 1) {
      line(process.stderr, `\n${signal}: stopping (faults are reverted and containers removed first)…`);
      controller.abort(signal);
    } else if (signals === 2) {
      line(process.stderr, `${signal}: still cleaning up; once more to exit now (then run \`faultline cleanup\`)`);
    } else {
      process.exit(130);
    }
  });
}

const code = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr }, controller.signal);
process.exitCode = code;
