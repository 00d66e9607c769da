/**
 * Crash proof of order processing: 200 orders paid through Stripe (the SDK against a local server
 * speaking Stripe's API) are processed by `waybill worker` processes that are killed with SIGKILL at
 * random moments, at least 20 times, and restarted — one worker on SQLite, two on PostgreSQL. After
 * it: every order is shipped, invoiced and captured; at the payment server every authorization and
 * every capture happened exactly once; invoice numbers are unique and gapless; no job was lost or
 * left dead; stock equals its ledger.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches } from '../../src/inventory/index.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { spawnServer, waitReady, type ServerProcess } from '../concurrency/processes.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { startChaos, until } from './chaos-workers.js';

const ADMIN_KEY = 'wb_crash_test_admin_key_0123456789ab';
const ORDERS = 200;
const MIN_KILLS = 20;

async function count(db: DatabaseHandle['db'], query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]!.n);
}

describe.each(testDialects())('processing survives SIGKILLed workers on %s', (dialect) => {
  let stripe: FakeStripe;
  let database: TestDatabase;
  let server: ServerProcess;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    database = await createTestDatabase(dialect);
    server = await spawnServer({
      DATABASE_URL: database.url,
      WAYBILL_ADMIN_KEY: ADMIN_KEY,
      WAYBILL_WORKER: 'off',
      LOG_LEVEL: 'warn',
      WAYBILL_RATE_LIMIT_PER_MINUTE: '0',
      WAYBILL_STRIPE_SECRET_KEY: stripe.secretKey,
      WAYBILL_STRIPE_API_BASE: stripe.url,
    });
    await waitReady(server);
    handle = openDatabase(database.target);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    await database?.drop();
    await stripe?.close();
  });

  it(`processes ${ORDERS} orders exactly once through at least ${MIN_KILLS} worker kills`, async () => {
    const api = new Client(server.url, ADMIN_KEY);
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createWarehouse(api, 'EWR', 'Newark', 'NJ');
    for (const sku of ['MUG', 'TEE', 'CAP']) {
      await createProduct(api, sku, { length_mm: 150, width_mm: 100, height_mm: 80, weight_grams: 300 });
      await addStock(api, sku, 'DAL', 1_000);
      await addStock(api, sku, 'EWR', 1_000);
    }
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const lines = [{ sku: ['MUG', 'TEE', 'CAP'][i % 3]!, quantity: 1 + (i % 2) }];
      const res = await api.post('/api/v1/orders', orderBody(lines, { payment: { provider: 'stripe', token: 'pm_card_visa' } }));
      expect(res.status, res.text).toBe(201);
      orderIds.push(res.body.id);
    }

    const workerEnv = {
      DATABASE_URL: database.url,
      // info: the chaos loop waits for "worker started" before it counts a worker's life.
      LOG_LEVEL: 'info',
      WAYBILL_JOB_LEASE_MS: '2000',
      WAYBILL_STRIPE_SECRET_KEY: stripe.secretKey,
      WAYBILL_STRIPE_API_BASE: stripe.url,
    };
    // Long enough to take jobs now and then, short enough to die mid-job often.
    const run = startChaos({ envOf: () => workerEnv, slots: dialect === 'postgres' ? 2 : 1, lifetimeMs: { min: 1_500, max: 4_500 } });
    const db = handle.db;
    const diagnostics = () => `kills: ${run.kills()}\n${run.output()}`;

    await until('every order invoiced', async () => (await count(db, sql`select count(*) as n from invoices`)) === ORDERS, 600_000, diagnostics);
    // Ship them all: each shipment enqueues its capture, which the dying workers must do once.
    for (const id of orderIds) {
      const res = await api.post(`/api/v1/orders/${id}/status`, { status: 'shipped' });
      expect(res.status, res.text).toBe(200);
    }
    await until('every payment captured', async () => (await count(db, sql`select count(*) as n from payments where status = 'captured'`)) === ORDERS, 600_000, diagnostics);
    await until(`at least ${MIN_KILLS} kills`, async () => run.kills() >= MIN_KILLS, 300_000, diagnostics);
    const calm = await run.calm();
    try {
      await until('no job left to run', async () => (await count(db, sql`select count(*) as n from jobs where state in ('queued', 'running')`)) === 0, 120_000, diagnostics);
    } finally {
      await calm.stop();
    }

    expect(run.kills()).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(await count(db, sql`select count(*) as n from orders where status = 'shipped'`)).toBe(ORDERS);
    expect(await count(db, sql`select count(*) as n from payments where status = 'captured' and amount_captured = amount`)).toBe(ORDERS);
    expect(await count(db, sql`select count(*) as n from jobs where state = 'dead'`)).toBe(0);

    // At the payment server: one authorization and one capture per PaymentIntent, no more.
    const counts = stripe.counts();
    expect(counts.authorizations).toBe(ORDERS);
    expect(counts.captures).toBe(ORDERS);
    const intents = Object.values(counts.byPaymentIntent);
    expect(intents).toHaveLength(ORDERS);
    expect(intents.every((i) => i.authorizations === 1 && i.captures === 1)).toBe(true);

    // Invoice numbers: unique and gapless within the year.
    const { rows } = await sql<{ year: number; sequence: number }>`select year, sequence from invoices order by year, sequence`.execute(db);
    expect(rows).toHaveLength(ORDERS);
    expect(rows.map((r) => Number(r.sequence))).toEqual(Array.from({ length: ORDERS }, (_, i) => i + 1));

    // Every order went through every step exactly once.
    const steps = await sql<{ type: string; n: number }>`select type, count(*) as n from order_events where type in ('fulfillment.pick_lists', 'fulfillment.packed', 'invoice.issued', 'payment.captured') group by type`.execute(db);
    expect(Object.fromEntries(steps.rows.map((r) => [r.type, Number(r.n)]))).toEqual({
      'fulfillment.pick_lists': ORDERS,
      'fulfillment.packed': ORDERS,
      'invoice.issued': ORDERS,
      'payment.captured': ORDERS,
    });
    expect(await ledgerMismatches(db)).toEqual([]);
  }, 1_500_000);
});
