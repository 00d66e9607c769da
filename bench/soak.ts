/**
 * The soak: ten minutes of a steady, moderate, mixed load on one Waybill server, to show that its
 * memory stays flat and to record every route's tail latency under company. Not part of the default
 * `npm run bench` set (it takes the whole WAYBILL_SOAK_SECONDS): run it as `npm run bench -- soak`.
 *
 * 1. One server as a child process, as `waybill serve` runs by default: worker ON (it processes the
 *    orders and buys their sim labels), the sim carrier on at WAYBILL_SIM_SPEED=1 (its own scans are
 *    an hour apart: the tracking traffic is the bench's signed webhooks) with a known webhook
 *    secret, rate limit off. SQLite on a fresh file; PostgreSQL instead when WAYBILL_TEST_DATABASE_URL
 *    or DATABASE_URL names a postgres:// server (WAYBILL_BENCH_DIALECTS=sqlite keeps SQLite).
 * 2. A shop through the API (soak/shop.ts): warehouses, products with plenty of stock, portal
 *    customers who registered and verified their email.
 * 3. STAFF_STREAMS + PORTAL_STREAMS Server-Sent-Events clients held open the whole run, one of
 *    each reconnecting with Last-Event-ID every RECONNECT_EVERY_S (soak/stream-pool.ts).
 * 4. SQLite: the fill phase, the same mix at WAYBILL_SOAK_FILL_RATE (4× the rate) until the
 *    database file is 25% larger than the server's page cache (a few minutes), so that the cache,
 *    which grows with a fresh file until it is full, is full before anything is measured
 *    (fillDatabase). PostgreSQL keeps its caches in its own processes: no fill.
 * 5. The measured run: WAYBILL_SOAK_RATE requests a second (open loop, soak/open-loop.ts) drawn
 *    from the mix in soak/load-mix.ts, for WAYBILL_SOAK_SECONDS.
 * 6. Every SAMPLE_EVERY_S, from the fill on, the server's RSS (and its parts), V8 heap and CPU
 *    (soak/memory-series.ts); at the end, per route of the measured run, count, 4xx, 5xx, network
 *    errors and p50/p95/p99/max (soak/route-stats.ts), and the memory growth from its first minute
 *    after warm-up (its own first minute) to its last minute, against the 10% bound.
 * Figures are reported, never asserted: `memory_flat: false` or 5xx answers are findings to chase.
 *
 * Knobs (environment): WAYBILL_SOAK_SECONDS (default 600), WAYBILL_SOAK_RATE (requests/s, default
 * 30), WAYBILL_SOAK_FILL_RATE (default 4× the rate), WAYBILL_SOAK_STREAMS (per kind, default 20),
 * WAYBILL_SOAK_PORTAL_CUSTOMERS (default 20); WAYBILL_SQLITE_CACHE_MIB reaches the server.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchDialects, createBenchDatabase, type BenchDialect } from './support/databases.js';
import { memoryOf, startServer } from './support/server.js';
import { round } from './support/stats.js';
import { sqliteCacheMib } from '../src/config.js';
import { createLoadMix, MIX } from './soak/load-mix.js';
import { memoryGrowth, sampleMemory, sqliteFileMb } from './soak/memory-series.js';
import { openLoop, type LoopProgress } from './soak/open-loop.js';
import { createRouteStats } from './soak/route-stats.js';
import { seedShop } from './soak/shop.js';
import { createStreamPool, type StreamSpec } from './soak/stream-pool.js';

const SECONDS = Number(process.env.WAYBILL_SOAK_SECONDS ?? 600);
const RATE = Number(process.env.WAYBILL_SOAK_RATE ?? 30);
const STREAMS_PER_KIND = Number(process.env.WAYBILL_SOAK_STREAMS ?? 20);
const PORTAL_CUSTOMERS = Number(process.env.WAYBILL_SOAK_PORTAL_CUSTOMERS ?? 20);
const MAX_IN_FLIGHT = 64;
const SAMPLE_EVERY_S = 5;
const RECONNECT_EVERY_S = 30;
/** Warm-up: the first minute, or the first 10% of a shorter run. The windows compared are as long. */
const WARMUP_S = Math.min(60, SECONDS * 0.1);
const WINDOW_S = Math.min(60, (SECONDS - WARMUP_S) / 3);
const LABELS_WAIT_MS = 120_000;
/** The fill phase: the same mix, faster, until the SQLite file is this much larger than the page cache. */
const FILL_RATE = Number(process.env.WAYBILL_SOAK_FILL_RATE ?? RATE * 4);
const FILL_OVER_CACHE = 1.25;
const FILL_MAX_S = 900;
const PROGRESS_EVERY_S = 60;

/** One dialect: a soak is long enough on one database. PostgreSQL when its server is configured. */
function soakDialect(): BenchDialect {
  const dialects = benchDialects();
  return dialects.includes('postgres') ? 'postgres' : 'sqlite';
}

/** Waits until the worker bought labels for the seeded orders (so that webhooks have targets from the start). */
async function waitForLabels(url: string, key: string, wanted: number): Promise<number> {
  const deadline = Date.now() + LABELS_WAIT_MS;
  for (;;) {
    const res = await fetch(`${url}/api/v1/shipments?limit=200`, { headers: { authorization: `Bearer ${key}` } });
    const page = (await res.json()) as { data: Array<{ label_state: string }> };
    const bought = page.data.filter((s) => s.label_state === 'purchased').length;
    if (bought >= wanted || Date.now() > deadline) return bought;
    await sleep(1_000);
  }
}

/**
 * SQLite only: runs the mix at FILL_RATE until the database file outgrows the serving
 * connection's page cache (the server's own WAYBILL_SQLITE_CACHE_MIB, inherited from this
 * process), so that the cache is full before memory is measured. From a fresh file the cache
 * fills with the file for as long as the file is smaller than it, a rise that stops there; a
 * shop's database is past that size within days. Nothing of it is in the measured figures.
 */
async function fillDatabase(file: string, next: () => Promise<void>, onProgress: (p: LoopProgress) => void) {
  const cacheMib = sqliteCacheMib(process.env);
  const targetMib = Math.ceil(cacheMib * FILL_OVER_CACHE);
  let sizeMib = sqliteFileMb(file);
  let checkedAt = 0;
  const loop = await openLoop({
    rate: FILL_RATE,
    maxInFlight: MAX_IN_FLIGHT,
    next,
    done: (p) => {
      if (p.elapsedS - checkedAt >= 1) {
        checkedAt = p.elapsedS;
        sizeMib = sqliteFileMb(file);
      }
      return sizeMib >= targetMib || p.elapsedS >= FILL_MAX_S;
    },
    progressEveryS: PROGRESS_EVERY_S,
    onProgress,
  });
  sizeMib = sqliteFileMb(file);
  const figures = { cache_mib: cacheMib, target_mib: targetMib, database_mib: sizeMib, reached_target: sizeMib >= targetMib, rate_per_s: FILL_RATE, seconds: round(loop.seconds, 1), requests: loop.sent, skipped_ticks: loop.skipped };
  process.stdout.write(`  fill: ${figures.requests} requests at ${FILL_RATE}/s in ${figures.seconds} s; database ${figures.database_mib} MiB (cache ${cacheMib} MiB, target ${targetMib} MiB${figures.reached_target ? '' : ', NOT reached'})\n`);
  return figures;
}

/** Written to bench/results/soak.json on SQLite, soak-postgres.json on PostgreSQL. */
export async function run(): Promise<{ figures: Record<string, unknown> | null; resultName: string }> {
  const dialect = soakDialect();
  process.stdout.write(
    `soak: ${dialect}; ${SECONDS} s at ${RATE} requests/s (mixed), ${STREAMS_PER_KIND} staff + ${STREAMS_PER_KIND} portal streams; memory every ${SAMPLE_EVERY_S} s, warm-up ${WARMUP_S} s, windows ${round(WINDOW_S, 1)} s\n`,
  );
  const database = await createBenchDatabase(dialect);
  const key = `wb_bench_${randomBytes(18).toString('base64url')}`;
  const secret = `whsec_bench_${randomBytes(18).toString('base64url')}`;
  try {
    const server = await startServer({
      databaseUrl: database.url,
      adminKey: key,
      env: { WAYBILL_WORKER: 'on', WAYBILL_SIM: 'on', WAYBILL_SIM_SPEED: '1', WAYBILL_SIM_WEBHOOK_SECRET: secret },
    });
    const stats = createRouteStats();
    const fillStats = createRouteStats();
    let pool: ReturnType<typeof createStreamPool> | null = null;
    try {
      if (server.command.note) process.stdout.write(`  note: ${server.command.note}\n`);
      const seedStart = performance.now();
      const shop = await seedShop(server.url, key, PORTAL_CUSTOMERS);
      const labels = await waitForLabels(server.url, key, Math.ceil(PORTAL_CUSTOMERS / 2));
      const seedS = round((performance.now() - seedStart) / 1000, 1);
      process.stdout.write(`  server ${server.command.kind} pid ${server.pid}; seeded in ${seedS} s (${shop.portal.length} portal customers, ${labels} labels bought)\n`);

      const specs: StreamSpec[] = [
        ...Array.from({ length: STREAMS_PER_KIND }, (): StreamSpec => ({ kind: 'staff', path: '/api/v1/stream', headers: { authorization: `Bearer ${key}` } })),
        ...Array.from({ length: STREAMS_PER_KIND }, (_, i): StreamSpec => ({ kind: 'portal', path: '/portal/stream', headers: { cookie: shop.portal[i % shop.portal.length]!.cookie } })),
      ];
      pool = createStreamPool(server.url, specs);
      await pool.openAll();

      const mix = createLoadMix(server.url, key, secret, shop, fillStats);
      const samplerStart = performance.now();
      const memory = sampleMemory(server.url, server.pid, SAMPLE_EVERY_S * 1000, samplerStart, dialect === 'sqlite' ? database.url : null);
      const reconnects = setInterval(() => {
        void pool?.reconnectOne('staff');
        void pool?.reconnectOne('portal');
      }, RECONNECT_EVERY_S * 1000);
      const report = (phase: string) => (p: LoopProgress) => {
        const last = memory.samples[memory.samples.length - 1];
        process.stdout.write(
          `    … ${phase} ${Math.round(p.elapsedS)} s: ${p.ticks} ticks, ${p.inFlight} in flight, ${p.skipped} skipped; RSS ${last?.rss_mb ?? '?'} MiB, heap ${last?.heap_used_mb ?? '?'} MiB${last?.database_mb == null ? '' : `, database ${last.database_mb} MiB`}, others ${last?.foreign_cpu_pct ?? '?'}% CPU\n`,
        );
      };

      const fill = dialect === 'sqlite' ? await fillDatabase(database.url, mix.next, report('fill')) : null;
      const measuredFromS = (performance.now() - samplerStart) / 1000;
      mix.recordInto(stats);
      const total = Math.floor(SECONDS * RATE);
      const loop = await openLoop({ rate: RATE, maxInFlight: MAX_IN_FLIGHT, next: mix.next, done: (p) => p.ticks >= total, progressEveryS: PROGRESS_EVERY_S, onProgress: report('run') });
      const loadS = loop.seconds;
      const skipped = loop.skipped;
      clearInterval(reconnects);
      const samples = await memory.stop();
      const streams = pool.figures();
      pool.closeAll();

      const growth = memoryGrowth(samples, measuredFromS, WARMUP_S, WINDOW_S, measuredFromS + loadS);
      const routes = stats.figures();
      const sum = (pick: (r: (typeof routes)[number]) => number) => routes.reduce((n, r) => n + pick(r), 0);
      const cpuSamples = samples.filter((s) => s.foreign_cpu_pct !== null);
      const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : null);
      const rss = samples.flatMap((s) => (s.rss_mb === null ? [] : [s.rss_mb]));
      const totals = {
        requests: sum((r) => r.count),
        requests_per_s: round(sum((r) => r.count) / loadS, 1),
        ok: sum((r) => r.ok),
        client_errors_4xx: sum((r) => r.client_errors_4xx),
        server_errors_5xx: sum((r) => r.server_errors_5xx),
        network_errors: sum((r) => r.network_errors),
        skipped_ticks: skipped,
        known_at_end: mix.known(),
      };
      const hwm = memoryOf(server.pid)?.hwmMb;

      for (const r of routes) {
        process.stdout.write(
          `  ${r.route.padEnd(42)} ${String(r.count).padStart(6)}  p50 ${r.p50_ms.toFixed(1).padStart(7)}  p95 ${r.p95_ms.toFixed(1).padStart(7)}  p99 ${r.p99_ms.toFixed(1).padStart(7)}  max ${r.max_ms.toFixed(0).padStart(6)} ms  4xx ${r.client_errors_4xx}  5xx ${r.server_errors_5xx}  net ${r.network_errors}\n`,
        );
      }
      process.stdout.write(
        `  totals: ${totals.requests} requests (${totals.requests_per_s}/s) in ${round(loadS, 1)} s; 4xx ${totals.client_errors_4xx}, 5xx ${totals.server_errors_5xx}, network errors ${totals.network_errors}, skipped ticks ${skipped}\n` +
          `  streams: ${streams.events.staff} staff events (${streams.events_per_stream.staff}/stream), ${streams.events.portal} portal (${streams.events_per_stream.portal}/stream); ${streams.reconnects_with_last_event_id} reconnects with Last-Event-ID, ${streams.unexpected_drops} drops, ${streams.failed_opens} failed opens, ${streams.duplicate_events} duplicates\n` +
          `  memory: RSS median ${growth.first_window.rss_median_mb} → ${growth.last_window.rss_median_mb} MiB (${growth.rss_growth_percent}%), heap used ${growth.first_window.heap_used_median_mb ?? '?'} → ${growth.last_window.heap_used_median_mb ?? '?'} MiB (${growth.heap_used_growth_percent ?? '?'}%); growth ${growth.memory_growth_percent}% < ${growth.bound_percent}%: ${growth.memory_flat ? 'PASS (flat)' : 'FAIL (grows)'}; VmHWM ${hwm === undefined ? '?' : round(hwm, 1)} MiB\n` +
          `  CPU: server ${mean(cpuSamples.map((s) => s.server_cpu_cores ?? 0)) ?? '?'} cores on average; other processes ${mean(cpuSamples.map((s) => s.foreign_cpu_pct ?? 0)) ?? '?'}% of the machine on average (p99s are inflated by it)\n`,
      );
      const problems = [...fillStats.problems.map((p) => `fill: ${p}`), ...stats.problems];
      if (problems.length > 0) process.stdout.write(`  5xx / network errors, e.g.:\n    ${problems.slice(0, 10).join('\n    ')}\n  server output:\n${server.output().split('\n').slice(-15).join('\n')}\n`);

      return {
        resultName: dialect === 'sqlite' ? 'soak' : 'soak-postgres',
        figures: {
          dialect,
          server: server.command.kind,
          settings: {
            seconds: SECONDS,
            rate_per_s: RATE,
            max_in_flight: MAX_IN_FLIGHT,
            staff_streams: STREAMS_PER_KIND,
            portal_streams: STREAMS_PER_KIND,
            portal_customers: PORTAL_CUSTOMERS,
            reconnect_every_s: RECONNECT_EVERY_S,
            sample_every_s: SAMPLE_EVERY_S,
            mix: MIX,
          },
          seed_s: seedS,
          fill: fill === null ? null : { ...fill, routes: fillStats.figures().map(({ route, count, server_errors_5xx, network_errors }) => ({ route, count, server_errors_5xx, network_errors })) },
          measured_from_s: round(measuredFromS, 1),
          load_s: round(loadS, 1),
          totals,
          routes,
          streams,
          memory: {
            ...growth,
            rss_min_mb: rss.length ? Math.min(...rss) : null,
            rss_max_mb: rss.length ? Math.max(...rss) : null,
            vm_hwm_mb: hwm === undefined ? null : round(hwm, 1),
            samples,
          },
          cpu: {
            server_cores_mean: mean(cpuSamples.map((s) => s.server_cpu_cores ?? 0)),
            foreign_pct_mean: mean(cpuSamples.map((s) => s.foreign_cpu_pct ?? 0)),
            foreign_pct_max: cpuSamples.length ? Math.max(...cpuSamples.map((s) => s.foreign_cpu_pct ?? 0)) : null,
          },
          problems,
        },
      };
    } finally {
      pool?.closeAll();
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}
