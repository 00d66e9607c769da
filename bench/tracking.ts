/**
 * The tracking benchmark: how many carrier events a second one Waybill server ingests through its
 * signed webhook route, `POST /webhooks/carriers/sim`, 10 events per delivery.
 *
 * For each dialect (SQLite on a fresh temporary file; PostgreSQL too when WAYBILL_TEST_DATABASE_URL or
 * DATABASE_URL names a postgres:// server, on a database created for the run and dropped after) it
 * 1. starts a real server as a child process (rate limit off, worker ON: it buys the labels;
 *    WAYBILL_SIM_SPEED=1, so after its label-created scan the sim's own ticker pushes nothing for an
 *    hour; the webhook secret is set explicitly and the bench signs with it),
 * 2. sets up like a user through the HTTP API: a warehouse, a product with stock, SHIPMENTS orders;
 *    the pipeline buys one sim label per order; the bench polls `GET /api/v1/shipments` until every
 *    order has a purchased label and the sim's label-created scan was ingested,
 * 3. drives the webhook route with autocannon at CONNECTIONS connections, each delivery 10 in-transit
 *    hub scans (AH/DH in real US hub cities, so coordinates resolve) with ids never used before,
 *    built and signed as it is sent (occurred_at just before now, so each shipment's scans move
 *    forward), round-robin over the shipments:
 *    - "first": one delivery per shipment (each one's first in-transit scan: the shipment leaves,
 *      its order follows: more work than a later scan), which also warms the server up;
 *    - "steady": RUN_SECONDS of further deliveries (each shipment gets several);
 *    every answer must be 200 with `stored: 10`; recorded: deliveries/s and events/s (accepted ones),
 *    p50/p99 latency, the server's CPU and peak RSS,
 * 4. checks a sample of shipments through `GET /api/v1/shipments/{id}` (1 + 10 × its deliveries
 *    events) and, with the server stopped, counts the stored hub scans and deliveries in the database.
 * The issue's goal (≥ 5,000 events/s on SQLite) is reported, never asserted.
 *
 * Knobs (environment): WAYBILL_BENCH_DURATION seconds of the steady run (default 15);
 * WAYBILL_BENCH_TRACKING_SHIPMENTS (default 1000); WAYBILL_BENCH_DIALECTS=sqlite|postgres to run
 * one; WAYBILL_BENCH_CPU_PROF=1 to write a V8 CPU profile of each server to
 * bench/results/tracking-<dialect>.cpuprofile (figures then are not saved; the profile also covers
 * the setup: the steady run is its last RUN_SECONDS).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { benchDialects, createBenchDatabase, type BenchDatabase, type BenchDialect } from './support/databases.js';
import { parallel } from './support/parallel.js';
import { memoryOf, meterCpu, ROOT, sampleRss, startServer, type ServerCommand } from './support/server.js';
import { HUB_CODES, hubs, SIM_SIGNATURE_HEADER, signedSimDelivery } from './support/sim-deliveries.js';
import { percentile, round } from './support/stats.js';
import { BENCH_DESTINATIONS, BENCH_WAREHOUSES } from './support/places.js';

const SHIPMENTS = Number(process.env.WAYBILL_BENCH_TRACKING_SHIPMENTS ?? 1_000);
const EVENTS_PER_DELIVERY = 10;
const CONNECTIONS = 32;
const RUN_SECONDS = Number(process.env.WAYBILL_BENCH_DURATION ?? 15);
const SETUP_TIMEOUT_MS = 10 * 60_000;
const SAMPLE_SHIPMENTS = 5;
const PROFILE = process.env.WAYBILL_BENCH_CPU_PROF === '1';

export const goals = { sqlite_events_per_s: 5_000 } as const;

const warehouse = BENCH_WAREHOUSES[0];
const product = { sku: 'BENCH-PARCEL', name: 'Bench parcel', unit_price: 1500, currency: 'USD', weight_grams: 800, length_mm: 200, width_mm: 150, height_mm: 100 };

interface Api {
  get<T>(path: string): Promise<T>;
  post(path: string, body: unknown, expected?: number): Promise<unknown>;
}

function apiOf(url: string, key: string): Api {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  return {
    async get<T>(path: string) {
      const res = await fetch(url + path, { headers });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post(path, body, expected = 201) {
      const res = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== expected) throw new Error(`setup: POST ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
  };
}

interface Target {
  id: string;
  trackingNumber: string;
  lastEventAt: string | null;
  events: number;
}

/** Every shipment, through the paginated list (newest first). */
async function allShipments(api: Api): Promise<Target[]> {
  const out: Target[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Array<{ id: string; tracking_number: string | null; label_state: string; label_error: string | null; last_event_at: string | null; events: unknown[] }>; next_cursor: string | null } =
      await api.get(`/api/v1/shipments?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const s of page.data) {
      if (s.label_state === 'failed') throw new Error(`setup: the label of shipment ${s.id} failed: ${s.label_error}`);
      if (s.label_state === 'purchased' && s.tracking_number !== null) out.push({ id: s.id, trackingNumber: s.tracking_number, lastEventAt: s.last_event_at, events: s.events.length });
    }
    cursor = page.next_cursor;
  } while (cursor !== null);
  return out;
}

/** The shop, SHIPMENTS orders, and waiting for the worker to buy every label and the sim to push its label-created scan. */
async function setup(api: Api): Promise<{ targets: Target[]; orders_s: number; labels_s: number }> {
  await api.post('/api/v1/warehouses', warehouse);
  await api.post('/api/v1/products', product);
  await api.post('/api/v1/inventory/adjustments', { sku: product.sku, warehouse: warehouse.code, delta: SHIPMENTS * 2, reason: 'bench stock' });
  const started = performance.now();
  await parallel(
    Array.from({ length: SHIPMENTS }, (_, i) => i),
    16,
    async (n) => {
      const to = BENCH_DESTINATIONS[n % BENCH_DESTINATIONS.length]!;
      await api.post('/api/v1/orders', {
        customer: { email: `customer${n % 500}@bench.example`, name: `Customer ${n % 500}`, phone: '+15125550101' },
        shipping_address: { name: `Customer ${n}`, line1: `${n} Main St`, line2: null, ...to, country: 'US' },
        lines: [{ sku: product.sku, quantity: 1 }],
        currency: 'USD',
        shipping: { strategy: 'cheapest', carrier: null, service: null },
        metadata: {},
      });
    },
  );
  const ordersS = (performance.now() - started) / 1000;
  const deadline = Date.now() + SETUP_TIMEOUT_MS;
  let targets: Target[];
  let lastReport = Date.now();
  for (;;) {
    targets = await allShipments(api);
    const ready = targets.filter((t) => t.events >= 1).length;
    if (targets.length >= SHIPMENTS && ready >= targets.length) break;
    if (Date.now() > deadline) throw new Error(`setup: after ${SETUP_TIMEOUT_MS / 1000} s only ${targets.length} of ${SHIPMENTS} labels bought (${ready} with their first scan)`);
    if (Date.now() - lastReport > 15_000) {
      process.stdout.write(`    … ${targets.length}/${SHIPMENTS} labels, ${ready} with their label-created scan\n`);
      lastReport = Date.now();
    }
    await sleep(1_000);
  }
  return { targets, orders_s: round(ordersS, 1), labels_s: round((performance.now() - started) / 1000 - ordersS, 1) };
}

/** Builds deliveries on demand: the n-th goes to shipment n mod count, with 10 fresh scans. */
function deliveryMaker(targets: readonly Target[], secret: string) {
  let seq = 0;
  /** Deliveries answered 200 with `stored: 10`, and deliveries sent (the last in flight when a timed run ends are never answered). */
  const perShipment = new Uint32Array(targets.length);
  const sentPerShipment = new Uint32Array(targets.length);
  return {
    perShipment,
    sentPerShipment,
    get made() {
      return seq;
    },
    next(): { index: number; body: string; signature: string } {
      const n = seq++;
      const index = n % targets.length;
      const pass = Math.floor(n / targets.length);
      const target = targets[index]!;
      sentPerShipment[index]!++;
      const { body, signature } = signedSimDelivery(secret, {
        trackingNumber: target.trackingNumber,
        deliveryId: `bench-${target.trackingNumber}-${pass}`,
        events: EVENTS_PER_DELIVERY,
        hubOffset: pass * EVENTS_PER_DELIVERY + index,
      });
      return { index, body, signature };
    },
  };
}

export interface LoadRun {
  phase: 'first' | 'steady';
  connections: number;
  duration_s: number;
  deliveries: number;
  deliveries_per_s: number;
  events: number;
  events_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** Answers that were not 200 with `stored: 10` (duplicate, fewer stored, unmatched, errors). */
  bad_answers: number;
  status_codes: Record<string, number>;
  errors: number;
  peak_rss_mb: number | null;
  server_cpu_cores: number | null;
  /** Events per second of server CPU: steadier than events/s when other processes share the machine. */
  events_per_server_cpu_s: number | null;
  postgres_cpu_cores: number | null;
  foreign_cpu_pct: number | null;
}

function postgresName(database: BenchDatabase): string | null {
  return database.dialect === 'postgres' ? new URL(database.url).pathname.slice(1) : null;
}

async function load(
  phase: LoadRun['phase'],
  url: string,
  maker: ReturnType<typeof deliveryMaker>,
  limit: { amount: number } | { seconds: number },
  pid: number,
  database: BenchDatabase,
  problems: string[],
): Promise<LoadRun> {
  const latencies: number[] = [];
  let good = 0;
  let bad = 0;
  const memory = sampleRss(pid);
  const cpu = meterCpu(pid, postgresName(database));
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        ...('amount' in limit ? { amount: limit.amount } : { duration: limit.seconds }),
        requests: [
          {
            method: 'POST',
            path: '/webhooks/carriers/sim',
            setupRequest: (request, context) => {
              const d = maker.next();
              (context as { index?: number }).index = d.index;
              return { ...request, headers: { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: d.signature }, body: d.body };
            },
            onResponse: (status, body, context) => {
              let stored = -1;
              try {
                stored = status === 200 ? (JSON.parse(body) as { stored: number }).stored : -1;
              } catch {
                // counted below
              }
              if (stored === EVENTS_PER_DELIVERY) {
                good++;
                maker.perShipment[(context as { index: number }).index]!++;
              } else {
                bad++;
                if (problems.length < 5) problems.push(`${status} ${body.slice(0, 300)}`);
              }
            },
          },
        ],
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const peak = memory.stop();
  const used = cpu.stop();
  const sorted = Float64Array.from(latencies).sort();
  const seconds = 'amount' in limit ? elapsed : result.duration;
  return {
    phase,
    connections: CONNECTIONS,
    duration_s: round(seconds),
    deliveries: good,
    deliveries_per_s: Math.round(good / seconds),
    events: good * EVENTS_PER_DELIVERY,
    events_per_s: Math.round((good * EVENTS_PER_DELIVERY) / seconds),
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    bad_answers: bad + result.errors + result.timeouts,
    status_codes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0])),
    errors: result.errors,
    peak_rss_mb: peak === null ? null : round(peak, 1),
    server_cpu_cores: used?.server_cores ?? null,
    events_per_server_cpu_s: used && used.server_cores > 0 ? Math.round((good * EVENTS_PER_DELIVERY) / seconds / used.server_cores) : null,
    postgres_cpu_cores: database.dialect === 'postgres' ? (used?.postgres_cores ?? null) : null,
    foreign_cpu_pct: used?.foreign_pct ?? null,
  };
}

function busy(foreignPct: number | null): string {
  return foreignPct !== null && foreignPct >= 10 ? `  (!) other processes used ${foreignPct}% of the CPU meanwhile` : '';
}

function printRun(dialect: string, run: LoadRun): void {
  const codes = Object.entries(run.status_codes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  process.stdout.write(
    `  ${dialect.padEnd(8)} ${run.phase.padEnd(6)} c=${run.connections}  ${String(run.events_per_s).padStart(6)} events/s  ${String(run.deliveries_per_s).padStart(5)} deliveries/s  p50 ${run.p50_ms.toFixed(2).padStart(6)} ms  p99 ${run.p99_ms.toFixed(2).padStart(6)} ms  (${run.deliveries} in ${run.duration_s} s)  bad ${run.bad_answers}  peak RSS ${run.peak_rss_mb ?? '?'} MiB  CPU server ${run.server_cpu_cores ?? '?'} (${run.events_per_server_cpu_s ?? '?'} events/CPU-s)${run.postgres_cpu_cores === null ? '' : ` postgres ${run.postgres_cpu_cores}`}  [${codes}]${busy(run.foreign_cpu_pct)}\n`,
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

export interface Verification {
  /** Shipments read back through the API: the label-created scan + 10 per delivery, an in_transit status. */
  sampled: number;
  sample_mismatches: number;
  /** Answered 200 with `stored: 10`, and sent (the difference: in flight when the timed run ended, never answered). */
  deliveries_accepted: number;
  deliveries_sent: number;
  /** With the server stopped: bench deliveries recorded (between accepted and sent) and hub scans stored (10 for each). */
  deliveries_in_db: number;
  hub_events_in_db: number;
  ok: boolean;
}

async function countStored(database: BenchDatabase): Promise<{ events: number; deliveries: number }> {
  const deps = createDeps(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  try {
    const events = await sql<{ n: number }>`select count(*) as n from tracking_events where code in ('AH', 'DH')`.execute(deps.db);
    const deliveries = await sql<{ n: number }>`select count(*) as n from carrier_webhook_deliveries where delivery_id like 'bench-%'`.execute(deps.db);
    return { events: Number(events.rows[0]!.n), deliveries: Number(deliveries.rows[0]!.n) };
  } finally {
    await deps.close();
  }
}

export interface DialectFigures {
  server: ServerCommand['kind'];
  shipments: number;
  setup: { orders_s: number; labels_s: number };
  runs: LoadRun[];
  server_peak_rss_mb: number | null;
  verification: Verification;
}

async function benchDialect(dialect: BenchDialect): Promise<DialectFigures> {
  const database = await createBenchDatabase(dialect);
  const key = `wb_bench_${randomBytes(18).toString('base64url')}`;
  const secret = `whsec_bench_${randomBytes(18).toString('base64url')}`;
  try {
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'waybill-prof-')) : null;
    const nodeOptions = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // The worker is on: it buys the labels, as in production. At speed 1 the sim's next scan (pickup)
    // is an hour or more after the label, so its ticker pushes nothing while the bench does.
    const server = await startServer({
      databaseUrl: database.url,
      adminKey: key,
      nodeOptions,
      env: { WAYBILL_WORKER: 'on', WAYBILL_SIM: 'on', WAYBILL_SIM_SPEED: '1', WAYBILL_SIM_WEBHOOK_SECRET: secret },
    });
    const runs: LoadRun[] = [];
    const problems: string[] = [];
    let hwm: number | null;
    let prepared: Awaited<ReturnType<typeof setup>>;
    let maker: ReturnType<typeof deliveryMaker>;
    let sample: { sampled: number; mismatches: number };
    try {
      if (server.command.note) process.stdout.write(`  note: ${server.command.note}\n`);
      const api = apiOf(server.url, key);
      prepared = await setup(api);
      process.stdout.write(
        `  ${dialect}: server ${server.command.kind} pid ${server.pid}; ${prepared.targets.length} orders placed in ${prepared.orders_s} s, their sim labels bought (and label-created scans in) ${prepared.labels_s} s later\n`,
      );
      maker = deliveryMaker(prepared.targets, secret);
      for (const phase of ['first', 'steady'] as const) {
        const run = await load(phase, server.url, maker, phase === 'first' ? { amount: prepared.targets.length } : { seconds: RUN_SECONDS }, server.pid, database, problems);
        printRun(dialect, run);
        runs.push(run);
        if (run.bad_answers > 0) process.stdout.write(`  bad answers, e.g.:\n    ${problems.join('\n    ')}\n  server output:\n${server.output().split('\n').slice(-10).join('\n')}\n`);
      }
      const memory = memoryOf(server.pid);
      hwm = memory ? round(memory.hwmMb, 1) : null;
      // A sample read back through the API: the label-created scan plus 10 per accepted delivery.
      const step = Math.max(1, Math.floor(prepared.targets.length / SAMPLE_SHIPMENTS));
      let mismatches = 0;
      let sampled = 0;
      for (let i = 0; i < prepared.targets.length && sampled < SAMPLE_SHIPMENTS; i += step, sampled++) {
        const t = prepared.targets[i]!;
        const view: { events: unknown[]; status: string } = await api.get(`/api/v1/shipments/${t.id}`);
        const least = t.events + EVENTS_PER_DELIVERY * maker.perShipment[i]!;
        const most = t.events + EVENTS_PER_DELIVERY * maker.sentPerShipment[i]!;
        if (view.events.length < least || view.events.length > most || (view.events.length - t.events) % EVENTS_PER_DELIVERY !== 0 || view.status !== 'in_transit') {
          mismatches++;
          problems.push(`shipment ${t.id}: ${view.events.length} events (expected ${least}–${most}), status ${view.status}`);
        }
      }
      sample = { sampled, mismatches };
    } finally {
      await server.stop();
      if (profileDir) keepMainProfile(profileDir, join(ROOT, 'bench', 'results', `tracking-${dialect}.cpuprofile`));
    }
    const accepted = runs.reduce((n, r) => n + r.deliveries, 0);
    const stored = await countStored(database);
    const verification: Verification = {
      sampled: sample.sampled,
      sample_mismatches: sample.mismatches,
      deliveries_accepted: accepted,
      deliveries_sent: maker.made,
      deliveries_in_db: stored.deliveries,
      hub_events_in_db: stored.events,
      ok:
        sample.mismatches === 0 &&
        stored.deliveries >= accepted &&
        stored.deliveries <= maker.made &&
        stored.events === stored.deliveries * EVENTS_PER_DELIVERY &&
        runs.every((r) => r.bad_answers === 0),
    };
    process.stdout.write(
      `  ${dialect.padEnd(8)} check: ${verification.ok ? 'ok' : 'MISMATCH'}: ${stored.deliveries} deliveries recorded (${accepted} answered stored: 10, ${maker.made} sent), ${stored.events} hub scans stored; ${sample.sampled} shipments read back, ${sample.mismatches} wrong; server VmHWM ${hwm ?? '?'} MiB\n`,
    );
    if (!verification.ok && problems.length > 0) process.stdout.write(`    ${problems.slice(-5).join('\n    ')}\n`);
    return { server: server.command.kind, shipments: prepared.targets.length, setup: { orders_s: prepared.orders_s, labels_s: prepared.labels_s }, runs, server_peak_rss_mb: hwm, verification };
  } finally {
    await database.drop();
  }
}

export async function run(): Promise<{ figures: Record<string, unknown> | null }> {
  const dialects = benchDialects();
  process.stdout.write(
    `tracking: ${dialects.join(' + ')}; ${SHIPMENTS} sim shipments; signed deliveries of ${EVENTS_PER_DELIVERY} events at ${CONNECTIONS} connections: one per shipment, then ${RUN_SECONDS} s${PROFILE ? '; CPU profiling the server' : ''}\n`,
  );
  const results: Partial<Record<BenchDialect, DialectFigures>> = {};
  for (const dialect of dialects) results[dialect] = await benchDialect(dialect);

  const sqliteSteady = results.sqlite?.runs.find((r) => r.phase === 'steady');
  const met = sqliteSteady !== undefined && sqliteSteady.events_per_s >= goals.sqlite_events_per_s;
  if (sqliteSteady) {
    process.stdout.write(`\ngoal (reported, not asserted): sqlite steady ${sqliteSteady.events_per_s} events/s ≥ ${goals.sqlite_events_per_s}: ${met ? 'met' : 'NOT met'}\n`);
  }
  if (PROFILE) {
    process.stdout.write(`\nCPU profiles: bench/results/tracking-<dialect>.cpuprofile (figures not saved: profiling slows the server)\n`);
    return { figures: null };
  }
  return {
    figures: {
      workload: { shipments: SHIPMENTS, events_per_delivery: EVENTS_PER_DELIVERY, connections: CONNECTIONS, steady_seconds: RUN_SECONDS, event_codes: HUB_CODES, hub_cities: hubs.length },
      goals: { ...goals, sqlite_events_per_s_met: sqliteSteady ? met : null },
      ...results,
    },
  };
}
