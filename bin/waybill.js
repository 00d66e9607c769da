#!/usr/bin/env node
// Runs the compiled CLI; `npm install` (prepare) and `npm start` build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('waybill: not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(cli);
