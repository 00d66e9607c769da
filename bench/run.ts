/**
 * `npm run bench [-- <name>…]`: runs the named benchmarks (all the quick ones when none is named),
 * prints their figures and writes each one's to bench/results/<name>.json (pretty JSON, meant to be
 * committed so that a change's effect shows in the diff). Figures are reported, never asserted.
 * The soak takes ten minutes (WAYBILL_SOAK_SECONDS), so it runs only when named:
 * `npm run bench -- soak`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/server.js';

interface Bench {
  /** `resultName`: the results file's name when it is not the bench's (the soak's on PostgreSQL). */
  run(): Promise<{ figures: Record<string, unknown> | null; resultName?: string }>;
}

const benches: Record<string, () => Promise<Bench>> = {
  orders: () => import('./orders.js'),
  jobs: () => import('./jobs.js'),
  tracking: () => import('./tracking.js'),
  streams: () => import('./streams.js'),
  soak: () => import('./soak.js'),
};

/** Run only when named: too long for "run them all". */
const onlyWhenNamed = new Set(['soak']);

function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = names.filter((n) => !(n in benches));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}\n`);
    process.exit(2);
  }
  const selected = names.length > 0 ? names : Object.keys(benches).filter((n) => !onlyWhenNamed.has(n));
  const cpus = os.cpus();
  const machine = {
    cores: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
  // WAYBILL_BENCH_RESULTS: another folder, for runs side by side that must not overwrite each other.
  const resultsDir = process.env.WAYBILL_BENCH_RESULTS ?? join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });

  for (const name of selected) {
    const bench = await benches[name]!();
    const started = Date.now();
    const { figures, resultName } = await bench.run();
    process.stdout.write(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    if (figures === null) continue;
    const file = join(resultsDir, `${resultName ?? name}.json`);
    const report = { bench: name, date: new Date().toISOString(), commit: commit(), node: process.version, machine, ...figures };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
