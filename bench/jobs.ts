/**
 * The job queue benchmark: jobs/s through real `waybill worker` processes, for a no-op handler (the
 * queue's own cost: claim, fenced completion) and for the real processing pipeline (pick lists,
 * packing, invoice: three jobs per order). SQLite with 1 worker process; PostgreSQL (when its URL is
 * set) with 1 and 4. Jobs are enqueued up front; the clock runs from the workers' start until the
 * last job is done (polled every 50 ms). Goal: ≥ 2,000 no-op jobs/s — reported, never asserted.
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createDeps, type Deps } from '../src/deps.js';
import { createProduct } from '../src/catalog/index.js';
import { adjustStock, createWarehouse } from '../src/inventory/index.js';
import { BENCH_NOOP_JOB } from '../src/job-handlers.js';
import { orderDepsOf, placeOrder } from '../src/orders/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { enqueueJob } from '../src/platform/jobs/index.js';
import { benchDialects, createBenchDatabase, type BenchDialect } from './support/databases.js';
import { ROOT, serverCommand } from './support/server.js';

const NOOP_JOBS = Number(process.env.WAYBILL_BENCH_JOBS_COUNT ?? 20_000);
const PIPELINE_ORDERS = Number(process.env.WAYBILL_BENCH_PIPELINE_ORDERS ?? 1_000);
export const goal = 2_000;

async function count(deps: Deps, state: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from jobs where state = ${state}`.execute(deps.db);
  return Number(rows[0]!.n);
}

/** Starts `workers` worker processes and waits until no job is queued or running: the jobs timed and the seconds. */
async function drain(url: string, deps: Deps, workers: number): Promise<{ jobs: number; seconds: number }> {
  const command = serverCommand();
  const args = command.args.slice(0, -1).concat('worker', '--concurrency', '16');
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, WAYBILL_BENCH_JOBS: '1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  // Listen from the start: a worker that exits early must not leave a promise no event will settle
  // (Node then ends the whole run silently, with code 0).
  const exits = children.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  // Worker start-up (loading the code) is not the queue's cost: time from the first finished job.
  while ((await count(deps, 'done')) === 0) await new Promise((r) => setTimeout(r, 20));
  const started = performance.now();
  const doneAtStart = await count(deps, 'done');
  while ((await count(deps, 'queued')) + (await count(deps, 'running')) > 0) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - started) / 1000;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(exits);
  return { jobs: (await count(deps, 'done')) - doneAtStart, seconds };
}

async function noop(dialect: BenchDialect, workers: number) {
  const database = await createBenchDatabase(dialect);
  const deps = createDeps(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  try {
    await migrateToLatest(deps.db);
    for (let i = 0; i < NOOP_JOBS; i += 1_000) {
      await deps.db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(NOOP_JOBS, i + 1_000); j++) await enqueueJob(trx, deps, { type: BENCH_NOOP_JOB });
      });
    }
    const { jobs, seconds } = await drain(database.url, deps, workers);
    return { jobs, seconds: Math.round(seconds * 100) / 100, jobs_per_s: Math.round(jobs / seconds) };
  } finally {
    await deps.close();
    await database.drop();
  }
}

async function pipeline(dialect: BenchDialect, workers: number) {
  const database = await createBenchDatabase(dialect);
  const deps = createDeps(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  try {
    await migrateToLatest(deps.db);
    const actor = 'bench';
    await deps.db.transaction().execute(async (trx) => {
      await createWarehouse(trx, deps, { code: 'DAL', name: 'Dallas', address: { line1: '1 Dock Rd', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' } });
      for (const sku of ['A', 'B', 'C']) {
        await createProduct(trx, deps.clock, { sku, name: sku, unit_price: 1000, currency: 'USD', weight_grams: 400, length_mm: 150, width_mm: 100, height_mm: 80 });
        await adjustStock(trx, deps, { sku, warehouse: 'DAL', delta: 1_000_000, reason: 'bench', actor });
      }
    });
    const orderDeps = orderDepsOf(deps);
    for (let i = 0; i < PIPELINE_ORDERS; i++) {
      await deps.db.transaction().execute((trx) =>
        placeOrder(
          trx,
          orderDeps,
          {
            customer: { email: `c${i % 50}@bench.example`, name: 'Bench' },
            shipping_address: { name: 'Bench', line1: '1 Main', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' },
            lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }],
            currency: 'USD',
          },
          actor,
        ),
      );
    }
    const { jobs, seconds } = await drain(database.url, deps, workers);
    return { orders: PIPELINE_ORDERS, jobs, seconds: Math.round(seconds * 100) / 100, jobs_per_s: Math.round(jobs / seconds), orders_per_s: Math.round(jobs / 3 / seconds) };
  } finally {
    await deps.close();
    await database.drop();
  }
}

export async function run() {
  const figures: Record<string, unknown> = { goal_noop_jobs_per_s: goal };
  for (const dialect of benchDialects()) {
    for (const workers of dialect === 'sqlite' ? [1] : [1, 4]) {
      const n = await noop(dialect, workers);
      process.stdout.write(`  ${dialect.padEnd(8)} ${workers} worker(s)  no-op: ${n.jobs_per_s} jobs/s (${n.jobs} in ${n.seconds} s)${n.jobs_per_s >= goal ? '' : '  [goal 2,000 NOT met]'}\n`);
      const p = await pipeline(dialect, workers);
      process.stdout.write(`  ${dialect.padEnd(8)} ${workers} worker(s)  pipeline: ${p.jobs_per_s} jobs/s, ${p.orders_per_s} orders/s (${p.orders} orders in ${p.seconds} s)\n`);
      figures[`${dialect}_${workers}_workers`] = { noop: n, pipeline: p };
    }
  }
  return { figures };
}
