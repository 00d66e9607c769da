/**
 * `npm run chaos`: 1,000 orders (150 with --short) through the whole pipeline — Stripe (the fake),
 * pick, pack, invoice, label, the sim carrier at high speed to delivery, email over real SMTP —
 * with two API processes behind a round-robin and two workers on a fresh PostgreSQL database,
 * SIGKILLs of both kinds at random and one PostgreSQL restart in the middle. Then everything
 * settles and the run checks: 0 lost orders, 0 oversold units, 0 double captures or refunds, 0
 * duplicate notifications, no dead jobs. It prints what it injected and what it found, and exits 1
 * if any check failed. A program, not a vitest test: it owns the machine's PostgreSQL for a moment
 * (the restart) and runs for minutes, so it runs alone (CI: its own step after the suites).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.js';
import { createTestDatabase } from '../test/support/databases.js';
import { startFakeStripe } from '../test/support/fake-stripe.js';
import { freePort } from '../test/support/ports.js';
import { UNEVENTFUL_SIM } from '../test/support/sim-env.js';
import { startSmtpCapture } from '../test/support/smtp-capture.js';
import { startBalancer } from './balancer.js';
import { checkJobs, checkNotifications, checkOrders, checkPayments, checkStock, type Check } from './checks.js';
import { chaosClient } from './client.js';
import { parseOptions } from './options.js';
import { planRestart, restartPostgres, type RestartResult } from './postgres-restart.js';
import { ProcessFleet } from './processes.js';
import { seededRandom } from './random.js';
import { measureRecovery, type Recovery } from './recovery.js';
import { printReport } from './report.js';
import { settle } from './settle.js';
import { catalogFor, setUpShop, unitsReceived } from './shop.js';
import { placeOrders, planOrders, refundWhenCaptured } from './traffic.js';

const ADMIN_KEY = 'wb_chaos_run_admin_key_0123456789abcdef';
/** Jobs per worker: a kill interrupts at most this many sends (the duplicate-mail bound). */
const WORKER_CONCURRENCY = 4;
/** Clients placing orders at once. */
const CLIENTS = 6;

const options = parseOptions(process.argv.slice(2), process.env);
const began = Date.now();
const elapsed = () => `+${((Date.now() - began) / 1000).toFixed(1)}s`;
const say = (message: string) => console.log(`[chaos ${elapsed()}] ${message}`);
const phases: Array<[string, number]> = [];
let phaseStart = began;
const phase = (name: string) => {
  phases.push([name, Date.now() - phaseStart]);
  phaseStart = Date.now();
};
const runDeadline = began + options.maxMinutes * 60_000;
const left = () => Math.max(0, runDeadline - Date.now());

say(`seed ${options.seed}, ${options.orders} orders${options.short ? ' (short)' : ''}, at least ${options.minKills} kills, cap ${options.maxMinutes} min`);
const random = seededRandom(options.seed);
const restartPlan = await planRestart(options.serverUrl, options.pgRestart);
if (restartPlan.skipped) say(restartPlan.skipped);

// createTestDatabase reads the server from the environment.
process.env.WAYBILL_TEST_DATABASE_URL = options.serverUrl;
const database = await createTestDatabase('postgres');
const databaseName = new URL(database.url).pathname.slice(1);
const stripe = await startFakeStripe();
const smtp = await startSmtpCapture();
const apiPorts = [await freePort(), await freePort()];
const balancer = await startBalancer(apiPorts.map((p) => `http://127.0.0.1:${p}`));
const handle = openDatabase(database.target);
const db = handle.db;

const common: Record<string, string> = {
  DATABASE_URL: database.url,
  WAYBILL_ADMIN_KEY: ADMIN_KEY,
  WAYBILL_RATE_LIMIT_PER_MINUTE: '0',
  WAYBILL_STRIPE_SECRET_KEY: stripe.secretKey,
  WAYBILL_STRIPE_API_BASE: stripe.url,
  WAYBILL_MAIL_FROM: 'Waybill Chaos Shop <shop@chaos.example>',
  ...UNEVENTFUL_SIM,
  // A few days' journey in a couple of seconds; its scans reach the APIs through the balancer.
  WAYBILL_SIM_SPEED: '200000',
  WAYBILL_SIM_WEBHOOK_URL: `${balancer.url}/webhooks/carriers/sim`,
  // The polling path backs the webhooks up: a parcel the sim scanned before its shipment was
  // committed (the label bought by a worker killed before its commit, the job retried) is answered
  // `unmatched` and its scans are only found again by polling, after this long.
  WAYBILL_POLL_AFTER_MINUTES: '1',
  // A dead worker's jobs are taken over after 10 s, not 30. Not less: on a loaded machine (two
  // cores, tsx processes starting after every kill) a live worker's heartbeat was starved past a
  // 3 s lease, another worker took its send over mid-flight and one email went out twice.
  WAYBILL_JOB_LEASE_MS: '10000',
  WAYBILL_AUTO_REORDER: 'off',
  // Four processes share the server with everyone else's tests.
  WAYBILL_PG_POOL_SIZE: '5',
};
const fleet = new ProcessFleet(began, random.fork('lifetimes'));
const apiLife = options.short ? { min: 6_000, max: 14_000 } : { min: 8_000, max: 25_000 };
const workerLife = options.short ? { min: 4_000, max: 10_000 } : { min: 4_000, max: 14_000 };
const apis = apiPorts.map((port) => fleet.add({ kind: 'api', port, lifetimeMs: apiLife, envOf: () => ({ ...common, WAYBILL_WORKER: 'off', LOG_LEVEL: 'warn', SMTP_URL: smtp.url }) }));

let restart: RestartResult | null = null;
let recovery: Recovery | null = null;
const runProblems: string[] = [];
const checks: Check[] = [];
let placedResults: ReturnType<typeof placeOrders>['results'] = [];
let delivered = 0;
try {
  await Promise.all(apis.map((a) => a.firstReady));
  const api = chaosClient(balancer.url, ADMIN_KEY);
  const catalog = catalogFor(options.orders);
  await setUpShop(api, catalog);
  // info: a worker says when it has started, which is when its life (until its SIGKILL) begins.
  for (let i = 0; i < 2; i++) fleet.add({ kind: 'worker', lifetimeMs: workerLife, envOf: (name) => ({ ...common, LOG_LEVEL: 'info', SMTP_URL: `${smtp.url}?name=${name}`, WAYBILL_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) }) });
  phase('start-up');
  say('shop ready, workers starting; placing orders');

  const plans = planOrders(options.orders, catalog, random.fork('orders'));
  const placement = placeOrders(api, plans, CLIENTS);
  placedResults = placement.results;
  const progress = setInterval(() => say(`${placement.results.length}/${plans.length} orders answered, ${fleet.kills.length} kills`), 15_000);
  const restartDone = (async () => {
    if (restartPlan.command === null) return;
    await placement.reached(0.5);
    say('restarting PostgreSQL');
    restart = await restartPostgres(restartPlan, options.serverUrl, databaseName, began);
    say(`PostgreSQL restart took ${restart.tookMs} ms${restart.error ? ` and failed: ${restart.error}` : ''}`);
    recovery = await measureRecovery(db, apis.map((a) => a.url!), began + restart.atMs + restart.tookMs);
  })();
  await placement.done;
  phase('orders');
  say(`all ${plans.length} orders answered; goodwill refunds once captured`);
  await Promise.all([restartDone, refundWhenCaptured(api, placement.results, Math.min(left(), 300_000))]);
  while ((fleet.kills.length < options.minKills || fleet.killsOf('api') === 0 || fleet.killsOf('worker') === 0) && left() > 120_000) await sleep(500);
  clearInterval(progress);
  fleet.calm();
  phase('chaos');
  say(`calm after ${fleet.kills.length} kills; settling`);
  await fleet.allReady();
  const open = await settle(db, Math.max(60_000, left() - 30_000), (o) => say(`open: ${o.join(', ')}`));
  if (open.length > 0) runProblems.push(`not settled within the cap: ${open.join(', ')}`);
  phase('settle');

  if (fleet.kills.length < options.minKills) runProblems.push(`only ${fleet.kills.length} kills (at least ${options.minKills} wanted)`);
  if (fleet.killsOf('api') === 0 || fleet.killsOf('worker') === 0) runProblems.push('not both kinds of process were killed');
  if (restartPlan.skipped && options.ci) runProblems.push(`CI needs the PostgreSQL restart: ${restartPlan.skipped}`);
  if (restart !== null && (restart as RestartResult).error !== null) runProblems.push(`the PostgreSQL restart failed: ${(restart as RestartResult).error}`);
  const recovered = recovery as Recovery | null;
  if (recovered && (Object.values(recovered.apis).includes(null) || recovered.workers === null)) runProblems.push('a process did not recover from the PostgreSQL restart');
  for (const [i, tail] of fleet.errorTails.entries()) if (i < 3) say(`a process logged an error before its end:\n${tail}`);
  for (const crash of fleet.crashes) say(`${crash.name} ended on its own at +${(crash.atMs / 1000).toFixed(1)}s (${crash.exit}):\n${crash.tail}`);
  if (fleet.crashes.length > 0) runProblems.push(`${fleet.crashes.length} processes ended on their own (${fleet.crashes.map((c) => `${c.name} at +${(c.atMs / 1000).toFixed(1)}s`).join(', ')})`);

  const mails = [...smtp.messages];
  checks.push(await checkOrders(db, placement.results));
  checks.push(await checkStock(db, unitsReceived(catalog)));
  checks.push(await checkPayments(db, stripe));
  const restartWindow = restart === null ? null : { from: began + (restart as RestartResult).atMs, to: began + (restart as RestartResult).atMs + (restart as RestartResult).tookMs + 10_000 };
  checks.push(await checkNotifications(db, mails, { killedAt: fleet.killedAt(), concurrency: WORKER_CONCURRENCY, restart: restartWindow }));
  checks.push(await checkJobs(db));
  delivered = Number((await sql<{ n: number }>`select count(*) as n from orders where status = 'delivered'`.execute(db)).rows[0]!.n);
  phase('checks');
} catch (error) {
  runProblems.push(`the run broke off: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  for (const slot of fleet.slots) say(`${slot.kind} output:\n${slot.output().slice(-2_000)}`);
}

const ok = printReport({
  options,
  database: databaseName,
  placed: placedResults,
  deliveredOrders: delivered,
  kills: fleet.kills,
  lostMidRequest: balancer.lostMidRequest(),
  restart,
  restartSkipped: restartPlan.skipped,
  recovery,
  runProblems,
  checks,
  phases,
  totalMs: Date.now() - began,
});
await fleet.stop();
await handle.close();
await balancer.close();
await smtp.close();
await stripe.close();
// A failed run keeps its database to be looked into; a passed one drops it (unless --keep-db).
if (options.keepDatabase || !ok) console.log(`database kept: ${database.url}`);
else await database.drop();
process.exit(ok ? 0 : 1);
