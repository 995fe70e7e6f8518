#!/usr/bin/env node
// The faultline command. Runs the compiled CLI; say how to build it if it is missing.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('faultline is not built: run `npm install` (or `npm run build`) in the faultline folder\n');
  process.exit(1);
}
await import(entry.href);
