/**
 * The live-streams benchmark: how long a change takes to reach 1,000 open Server-Sent-Events
 * clients of one Waybill server.
 *
 * For each dialect (SQLite on a fresh temporary file; PostgreSQL too when WAYBILL_TEST_DATABASE_URL or
 * DATABASE_URL names a postgres:// server, on a database created for the run and dropped after) it
 * 1. starts a real server as a child process (rate limit off, worker ON: the relay that announces
 *    changes runs in it, on its one-second schedule, and the pipeline works each order on, so its
 *    later changes stream too, as in production),
 * 2. sets up a warehouse and a product through the HTTP API, then opens STREAMS staff streams
 *    (`GET /api/v1/stream` with an API key, one socket each) from this process,
 * 3. places CHANGES orders one at a time, a random 150–450 ms apart (so that they fall anywhere in
 *    the relay's second), and records when each answer came and when its `order.placed` event
 *    reached each client:
 *    - "end to end": answer → arrival, what a user sees (includes the wait for the relay's next run,
 *      0–1 s, and the relay itself);
 *    - "fan-out": the first client's arrival → each client's arrival, the cost of 1,000 streams
 *      (the first arrival stands in for the relay's commit: it follows it by one indexed query);
 *    both as p50/p99/max over every (change, client) pair, plus the server's CPU and peak RSS;
 * 4. checks that every client received every change exactly once.
 * The clients run in this process: their parsing is part of the measured fan-out. Figures are
 * reported, never asserted.
 *
 * Knobs (environment): WAYBILL_BENCH_STREAMS (default 1000), WAYBILL_BENCH_STREAM_CHANGES (default
 * 60), WAYBILL_BENCH_DIALECTS=sqlite|postgres to run one.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openEventStream, type EventStreamClient } from '../src/streams/sse-client.js';
import { benchDialects, createBenchDatabase, type BenchDialect } from './support/databases.js';
import { memoryOf, meterCpu, sampleRss, startServer, type ServerCommand } from './support/server.js';
import { percentile, round } from './support/stats.js';

const STREAMS = Number(process.env.WAYBILL_BENCH_STREAMS ?? 1_000);
const CHANGES = Number(process.env.WAYBILL_BENCH_STREAM_CHANGES ?? 60);
const OPEN_BATCH = 100;
const DELIVERY_TIMEOUT_MS = 30_000;

const warehouse = { code: 'DAL', name: 'Dallas', address: { line1: '1 Dock Rd', city: 'Dallas', region: 'TX', postal_code: '75201', country: 'US' } };
const product = { sku: 'BENCH-STREAM', name: 'Bench stream mug', unit_price: 1500, currency: 'USD', weight_grams: 400, length_mm: 120, width_mm: 100, height_mm: 100 };

function summary(values: number[]): { p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = Float64Array.from(values).sort();
  return { p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)), max_ms: round(sorted[sorted.length - 1] ?? Number.NaN) };
}

async function post(url: string, key: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

export interface DialectFigures {
  server: ServerCommand['kind'];
  streams: number;
  changes: number;
  open_s: number;
  end_to_end: { p50_ms: number; p99_ms: number; max_ms: number };
  /** End to end at the first client of each change: the relay's schedule and work, without fan-out. */
  first_arrival: { p50_ms: number; p99_ms: number; max_ms: number };
  fan_out: { p50_ms: number; p99_ms: number; max_ms: number };
  /** Every event the clients received meanwhile (the pipeline's later changes included), per client. */
  events_per_client: number;
  missing: number;
  duplicates: number;
  server_cpu_cores: number | null;
  foreign_cpu_pct: number | null;
  server_peak_rss_mb: number | null;
  rss_per_stream_kb: number | null;
}

async function benchDialect(dialect: BenchDialect): Promise<DialectFigures> {
  const database = await createBenchDatabase(dialect);
  const key = `wb_bench_${randomBytes(18).toString('base64url')}`;
  const clients: EventStreamClient[] = [];
  try {
    const server = await startServer({ databaseUrl: database.url, adminKey: key, env: { WAYBILL_WORKER: 'on' } });
    try {
      if (server.command.note) process.stdout.write(`  note: ${server.command.note}\n`);
      await post(server.url, key, '/api/v1/warehouses', warehouse);
      await post(server.url, key, '/api/v1/products', product);
      await post(server.url, key, '/api/v1/inventory/adjustments', { sku: product.sku, warehouse: warehouse.code, delta: CHANGES * 2, reason: 'bench stock' });
      const rssBefore = memoryOf(server.pid)?.rssMb ?? null;

      // When each client got the order.placed of each order, by order id: NaN until it does (made
      // by whichever comes first, the answer or an arrival: the relay may beat the answer here).
      const arrivals = new Map<string, Float64Array>();
      let duplicates = 0;
      let received = 0;
      const opened = performance.now();
      for (let i = 0; i < STREAMS; i += OPEN_BATCH) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(OPEN_BATCH, STREAMS - i) }, (_, k) => {
            const index = i + k;
            return openEventStream(`${server.url}/api/v1/stream`, {
              headers: { authorization: `Bearer ${key}` },
              keep: false,
              onEvent: (event) => {
                received++;
                if (event.event !== 'order.placed') return;
                const orderId = (JSON.parse(event.data) as { order_id: string }).order_id;
                let times = arrivals.get(orderId);
                if (!times) arrivals.set(orderId, (times = new Float64Array(STREAMS).fill(Number.NaN)));
                if (!Number.isNaN(times[index]!)) duplicates++;
                else times[index] = event.receivedAt;
              },
            });
          }),
        );
        for (const client of batch) if (client.status !== 200) throw new Error(`a stream answered ${client.status}: ${client.body}`);
        clients.push(...batch);
      }
      const openS = (performance.now() - opened) / 1000;
      const rssOpen = memoryOf(server.pid)?.rssMb ?? null;
      process.stdout.write(`  ${dialect}: server ${server.command.kind} pid ${server.pid}; ${STREAMS} streams open in ${round(openS, 1)} s\n`);

      const cpu = meterCpu(server.pid, null);
      const memory = sampleRss(server.pid);
      const answered = new Map<string, number>();
      for (let n = 0; n < CHANGES; n++) {
        const body = {
          customer: { email: `streamer${n}@bench.example`, name: `Streamer ${n}`, phone: '+15125550101' },
          shipping_address: { name: `Streamer ${n}`, line1: `${n} Main St`, line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' },
          lines: [{ sku: product.sku, quantity: 1 }],
          currency: 'USD',
          shipping: { strategy: 'cheapest', carrier: null, service: null },
          metadata: {},
        };
        const res = await fetch(`${server.url}/api/v1/orders`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const text = await res.text();
        const at = performance.now();
        if (res.status !== 201) throw new Error(`POST /api/v1/orders answered ${res.status}: ${text}`);
        const order = JSON.parse(text) as { id: string };
        answered.set(order.id, at);
        if (!arrivals.has(order.id)) arrivals.set(order.id, new Float64Array(STREAMS).fill(Number.NaN));
        await sleep(150 + Math.random() * 300);
      }
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      const missingNow = () => [...arrivals.values()].reduce((sum, times) => sum + times.filter(Number.isNaN).length, 0);
      while (missingNow() > 0 && Date.now() < deadline) await sleep(100);
      const used = cpu.stop();
      const peak = memory.stop();

      const endToEnd: number[] = [];
      const fanOut: number[] = [];
      const first: number[] = [];
      for (const [orderId, times] of arrivals) {
        const start = answered.get(orderId)!;
        const got = [...times].filter((t) => !Number.isNaN(t));
        if (got.length === 0) continue;
        const earliest = Math.min(...got);
        first.push(earliest - start);
        for (const t of got) {
          endToEnd.push(t - start);
          fanOut.push(t - earliest);
        }
      }
      const figures: DialectFigures = {
        server: server.command.kind,
        streams: STREAMS,
        changes: CHANGES,
        open_s: round(openS, 2),
        end_to_end: summary(endToEnd),
        first_arrival: summary(first),
        fan_out: summary(fanOut),
        events_per_client: Math.round(received / STREAMS),
        missing: missingNow(),
        duplicates,
        server_cpu_cores: used?.server_cores ?? null,
        foreign_cpu_pct: used?.foreign_pct ?? null,
        server_peak_rss_mb: peak === null ? null : round(peak, 1),
        rss_per_stream_kb: rssBefore !== null && rssOpen !== null ? round(((rssOpen - rssBefore) * 1024) / STREAMS, 1) : null,
      };
      const s = (x: { p50_ms: number; p99_ms: number; max_ms: number }) => `p50 ${x.p50_ms} ms  p99 ${x.p99_ms} ms  max ${x.max_ms} ms`;
      process.stdout.write(
        `  ${dialect.padEnd(8)} ${CHANGES} changes × ${STREAMS} streams: end to end ${s(figures.end_to_end)}; first client ${s(figures.first_arrival)}; fan-out ${s(figures.fan_out)}\n` +
          `  ${dialect.padEnd(8)} missing ${figures.missing}, duplicates ${figures.duplicates}, ${figures.events_per_client} events per client; server CPU ${figures.server_cpu_cores ?? '?'} cores, peak RSS ${figures.server_peak_rss_mb ?? '?'} MiB (${figures.rss_per_stream_kb ?? '?'} KiB per open stream)${(figures.foreign_cpu_pct ?? 0) >= 10 ? `  (!) other processes used ${figures.foreign_cpu_pct}% of the CPU` : ''}\n`,
      );
      if (figures.missing > 0) process.stdout.write(`  server output:\n${server.output().split('\n').slice(-10).join('\n')}\n`);
      return figures;
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

export async function run(): Promise<{ figures: Record<string, unknown> | null }> {
  const dialects = benchDialects();
  process.stdout.write(`streams: ${dialects.join(' + ')}; ${STREAMS} open staff streams on one server; ${CHANGES} orders placed one at a time, 150–450 ms apart\n`);
  const results: Partial<Record<BenchDialect, DialectFigures>> = {};
  for (const dialect of dialects) results[dialect] = await benchDialect(dialect);
  return { figures: { workload: { streams: STREAMS, changes: CHANGES, measured_event: 'order.placed', relay_schedule_ms: 1_000 }, ...results } };
}
