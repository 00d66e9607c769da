/**
 * The order benchmark: how many orders a second one Waybill server takes, and how close that comes
 * to what the database alone allows.
 *
 * For each dialect (SQLite on a fresh temporary file; PostgreSQL too when WAYBILL_TEST_DATABASE_URL or
 * DATABASE_URL names a postgres:// server, on a database created for the run and dropped after) it
 * 1. starts a real server as a child process (rate limit off, worker off, LOG_LEVEL=warn),
 * 2. seeds through the HTTP API 1,000 SKUs with stock in 2 warehouses (far more than the run takes),
 * 3. warms up, then drives `POST /api/v1/orders` with autocannon, 3 random lines per order, at 1, 16
 *    and 64 connections, recording orders/s (2xx a second), p50/p99 latency of the 2xx answers,
 *    non-2xx answers and the server's peak RSS,
 * 4. stops the server and measures "the limit": the same order transaction (placeOrder inside
 *    db.transaction()) run in this process straight against the same database, no HTTP; one at a time
 *    64 at a time on both (the concurrency of the HTTP run it is compared with; SQLite's driver
 *    group-commits concurrent transactions, so one at a time would understate it).
 * The issue's goals are reported, never asserted.
 *
 * Knobs (environment): WAYBILL_BENCH_DURATION seconds per load run (default 10);
 * WAYBILL_BENCH_DIALECTS=sqlite|postgres to run one; WAYBILL_BENCH_CPU_PROF=1 to write a V8 CPU
 * profile of each server to bench/results/orders-<dialect>.cpuprofile (figures then are not saved).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { orderDepsOf, placeOrder, type PlaceOrderInput } from '../src/orders/index.js';
import { benchDialects, createBenchDatabase, type BenchDatabase, type BenchDialect } from './support/databases.js';
import { parallel } from './support/parallel.js';
import { memoryOf, meterCpu, ROOT, sampleRss, startServer, type ServerCommand } from './support/server.js';
import { percentile, round } from './support/stats.js';
import { BENCH_DESTINATIONS, BENCH_WAREHOUSES, pick } from './support/places.js';

const SKU_COUNT = 1_000;
const STOCK_PER_WAREHOUSE = 1_000_000;
const LINES_PER_ORDER = 3;
const CUSTOMERS = 2_000;
const CONNECTIONS = [1, 16, 64] as const;
const RUN_SECONDS = Number(process.env.WAYBILL_BENCH_DURATION ?? 10);
const WARMUP_SECONDS = Math.min(3, RUN_SECONDS);
const LIMIT_SECONDS = Math.max(1, Math.min(5, RUN_SECONDS));
const LIMIT_CONCURRENCY = 64;
const PROFILE = process.env.WAYBILL_BENCH_CPU_PROF === '1';

export const goals = { sqlite: 3_000, postgres: 1_500, p99Ms: 50, ratio: 0.5 } as const;

const skus = Array.from({ length: SKU_COUNT }, (_, i) => `BENCH-${String(i).padStart(4, '0')}`);

/** An order of LINES_PER_ORDER distinct random SKUs, 1–3 units each, from one of CUSTOMERS customers. */
export function randomOrder(): PlaceOrderInput {
  const chosen = new Set<string>();
  while (chosen.size < LINES_PER_ORDER) chosen.add(pick(skus));
  const n = Math.floor(Math.random() * CUSTOMERS);
  const to = pick(BENCH_DESTINATIONS);
  return {
    customer: { email: `customer${n}@bench.example`, name: `Customer ${n}`, phone: '+15125550101' },
    shipping_address: { name: `Customer ${n}`, line1: `${n} Main St`, line2: null, ...to, country: 'US' },
    lines: [...chosen].map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 3) })),
    currency: 'USD',
    shipping: { strategy: 'cheapest', carrier: null, service: null },
    metadata: {},
  };
}

async function seed(url: string, key: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding: POST ${path} answered ${res.status}: ${await res.text()}`);
  };
  for (const warehouse of BENCH_WAREHOUSES) await post('/api/v1/warehouses', warehouse);
  await parallel(skus, 16, (sku) => post('/api/v1/products', { sku, name: `Bench product ${sku}`, unit_price: 500 + (sku.charCodeAt(sku.length - 1) % 10) * 100, currency: 'USD', weight_grams: 400 }));
  const stock = skus.flatMap((sku) => BENCH_WAREHOUSES.map((w) => ({ sku, warehouse: w.code, delta: STOCK_PER_WAREHOUSE, reason: 'bench stock' })));
  await parallel(stock, 16, (adjustment) => post('/api/v1/inventory/adjustments', adjustment));
}

export interface LoadRun {
  connections: number;
  duration_s: number;
  orders: number;
  orders_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  status_codes: Record<string, number>;
  errors: number;
  peak_rss_mb: number | null;
  /** Cores the server used, and the share of the machine other processes took meanwhile. */
  server_cpu_cores: number | null;
  /** PostgreSQL's processes, in cores (null on SQLite). */
  postgres_cpu_cores: number | null;
  foreign_cpu_pct: number | null;
}

/** The PostgreSQL database's name (its backends carry it in their process title), or null on SQLite. */
function postgresName(database: BenchDatabase): string | null {
  return database.dialect === 'postgres' ? new URL(database.url).pathname.slice(1) : null;
}

/** One autocannon run; latencies are taken from every 2xx answer (autocannon's own histogram keeps whole milliseconds). */
async function load(url: string, key: string, connections: number, seconds: number, pid: number, database: BenchDatabase): Promise<LoadRun> {
  const latencies: number[] = [];
  const memory = sampleRss(pid);
  const cpu = meterCpu(pid, postgresName(database));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/orders',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(randomOrder()) }),
          },
        ],
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const peak = memory.stop();
  const used = cpu.stop();
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]));
  return {
    connections,
    duration_s: result.duration,
    orders: result['2xx'],
    orders_per_s: Math.round(result['2xx'] / result.duration),
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    non_2xx: result.non2xx,
    status_codes: statusCodes,
    errors: result.errors,
    peak_rss_mb: peak === null ? null : round(peak, 1),
    server_cpu_cores: used?.server_cores ?? null,
    postgres_cpu_cores: database.dialect === 'postgres' ? (used?.postgres_cores ?? null) : null,
    foreign_cpu_pct: used?.foreign_pct ?? null,
  };
}

export interface Limit {
  concurrency: number;
  duration_s: number;
  orders: number;
  orders_per_s: number;
  failures: number;
  foreign_cpu_pct: number | null;
}

/** The order transaction straight against the database: what the HTTP layer could at best reach. */
async function limit(database: BenchDatabase, seconds: number): Promise<Limit> {
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const deps = createDeps(config);
  // The same dependencies orders.routes.ts hands to placeOrder.
  const placeDeps = orderDepsOf(deps);
  const concurrency = LIMIT_CONCURRENCY;
  let orders = 0;
  let failures = 0;
  const once = async () => {
    try {
      await deps.db.transaction().execute((trx) => placeOrder(trx, placeDeps, randomOrder(), 'api_key:bench'));
      orders++;
    } catch {
      failures++;
    }
  };
  try {
    // Warm the same code paths for a moment before timing.
    const warm = Date.now() + 1_000;
    while (Date.now() < warm) await Promise.all(Array.from({ length: concurrency }, once));
    orders = 0;
    failures = 0;
    const cpu = meterCpu(null, postgresName(database));
    const started = performance.now();
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < deadline) await once();
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const used = cpu.stop();
    return { concurrency, duration_s: round(elapsed), orders, orders_per_s: Math.round(orders / elapsed), failures, foreign_cpu_pct: used?.foreign_pct ?? null };
  } finally {
    await deps.close();
  }
}

export interface DialectFigures {
  server: ServerCommand['kind'];
  seed_s: number;
  runs: LoadRun[];
  server_peak_rss_mb: number | null;
  limit: Limit;
  ratio_http_to_limit_at_64: number;
  goals: { orders_per_s: number; orders_per_s_met: boolean; p99_under_ms: number; p99_met: boolean; ratio_at_least: number; ratio_met: boolean };
}

/** A warning when other processes took a noticeable share of the machine during a measurement. */
function busy(foreignPct: number | null): string {
  return foreignPct !== null && foreignPct >= 10 ? `  (!) other processes used ${foreignPct}% of the CPU meanwhile` : '';
}

function printRun(dialect: string, run: LoadRun): void {
  const codes = Object.entries(run.status_codes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  process.stdout.write(
    `  ${dialect.padEnd(8)} c=${String(run.connections).padStart(2)}  ${String(run.orders_per_s).padStart(6)} orders/s  p50 ${run.p50_ms.toFixed(2).padStart(6)} ms  p99 ${run.p99_ms.toFixed(2).padStart(6)} ms  non-2xx ${run.non_2xx}  errors ${run.errors}  peak RSS ${run.peak_rss_mb ?? '?'} MiB  CPU server ${run.server_cpu_cores ?? '?'}${run.postgres_cpu_cores === null ? '' : ` postgres ${run.postgres_cpu_cores}`}  [${codes}]${busy(run.foreign_cpu_pct)}\n`,
  );
}

/** The largest profile in `dir` (the main thread's: it ran the server) goes to `target`. */
function keepMainProfile(dir: string, target: string): void {
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ path: join(dir, f), size: statSync(join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  if (profiles[0]) copyFileSync(profiles[0].path, target);
  rmSync(dir, { recursive: true, force: true });
}

async function benchDialect(dialect: BenchDialect): Promise<DialectFigures> {
  const database = await createBenchDatabase(dialect);
  const key = `wb_bench_${randomBytes(18).toString('base64url')}`;
  try {
    // Node writes one profile per thread (tsx adds a loader thread): collect them apart, keep the main one.
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'waybill-prof-')) : null;
    const nodeOptions = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // The worker is off: this measures taking orders. Processing them is bench/jobs.ts's figure, and
    // a worker draining the pipeline on the same 2 cores would make the two depend on each other.
    const server = await startServer({ databaseUrl: database.url, adminKey: key, nodeOptions, env: { WAYBILL_WORKER: 'off' } });
    const runs: LoadRun[] = [];
    let seedSeconds: number;
    let hwm: number | null;
    try {
      if (server.command.note) process.stdout.write(`  note: ${server.command.note}\n`);
      const seedStart = performance.now();
      await seed(server.url, key);
      seedSeconds = round((performance.now() - seedStart) / 1000, 1);
      process.stdout.write(`  ${dialect}: server ${server.command.kind} pid ${server.pid}; seeded ${SKU_COUNT} SKUs × ${BENCH_WAREHOUSES.length} warehouses in ${seedSeconds} s; warming up ${WARMUP_SECONDS} s\n`);
      await load(server.url, key, 16, WARMUP_SECONDS, server.pid, database);
      for (const connections of CONNECTIONS) {
        const run = await load(server.url, key, connections, RUN_SECONDS, server.pid, database);
        printRun(dialect, run);
        runs.push(run);
        if (run.status_codes['500'] || run.errors > 0) process.stdout.write(`  server output:\n${server.output().split('\n').slice(-10).join('\n')}\n`);
      }
      const memory = memoryOf(server.pid);
      hwm = memory ? round(memory.hwmMb, 1) : null;
    } finally {
      await server.stop();
      if (profileDir) keepMainProfile(profileDir, join(ROOT, 'bench', 'results', `orders-${dialect}.cpuprofile`));
    }
    const measured = await limit(database, LIMIT_SECONDS);
    const at64 = runs.find((r) => r.connections === 64)!;
    const ratio = round(at64.orders_per_s / measured.orders_per_s, 3);
    process.stdout.write(
      `  ${dialect.padEnd(8)} limit (no HTTP, ${measured.concurrency} at a time): ${measured.orders_per_s} orders/s${measured.failures ? ` (${measured.failures} failed)` : ''}; HTTP/limit at c=64: ${(ratio * 100).toFixed(0)}%; server VmHWM ${hwm ?? '?'} MiB${busy(measured.foreign_cpu_pct)}\n`,
    );
    const target = goals[dialect];
    return {
      server: server.command.kind,
      seed_s: seedSeconds,
      runs,
      server_peak_rss_mb: hwm,
      limit: measured,
      ratio_http_to_limit_at_64: ratio,
      goals: {
        orders_per_s: target,
        orders_per_s_met: at64.orders_per_s >= target,
        p99_under_ms: goals.p99Ms,
        p99_met: at64.p99_ms < goals.p99Ms,
        ratio_at_least: goals.ratio,
        ratio_met: ratio >= goals.ratio,
      },
    };
  } finally {
    await database.drop();
  }
}

export interface BenchOutcome {
  /** Null when the figures should not be saved (a profiled run). */
  figures: Record<string, unknown> | null;
}

export async function run(): Promise<BenchOutcome> {
  const dialects = benchDialects();
  process.stdout.write(
    `orders: ${dialects.join(' + ')}; ${LINES_PER_ORDER} random lines per order; ${RUN_SECONDS} s per run at ${CONNECTIONS.join(', ')} connections${PROFILE ? '; CPU profiling the server' : ''}\n`,
  );
  const results: Partial<Record<BenchDialect, DialectFigures>> = {};
  for (const dialect of dialects) results[dialect] = await benchDialect(dialect);

  process.stdout.write('\ngoals at 64 connections (reported, not asserted):\n');
  for (const [dialect, figures] of Object.entries(results)) {
    const at64 = figures.runs.find((r) => r.connections === 64)!;
    const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
    process.stdout.write(
      `  ${dialect.padEnd(8)} ${at64.orders_per_s} orders/s ≥ ${figures.goals.orders_per_s}: ${mark(figures.goals.orders_per_s_met)}; p99 ${at64.p99_ms} ms < ${goals.p99Ms}: ${mark(figures.goals.p99_met)}; HTTP/limit ${(figures.ratio_http_to_limit_at_64 * 100).toFixed(0)}% ≥ ${goals.ratio * 100}%: ${mark(figures.goals.ratio_met)}\n`,
    );
  }
  if (PROFILE) {
    process.stdout.write(`\nCPU profiles: bench/results/orders-<dialect>.cpuprofile (figures not saved: profiling slows the server)\n`);
    return { figures: null };
  }
  return {
    figures: {
      workload: {
        skus: SKU_COUNT,
        warehouses: BENCH_WAREHOUSES.length,
        lines_per_order: LINES_PER_ORDER,
        customers: CUSTOMERS,
        run_seconds: RUN_SECONDS,
        connections: CONNECTIONS,
        limit_seconds: LIMIT_SECONDS,
      },
      goals,
      ...results,
    },
  };
}
