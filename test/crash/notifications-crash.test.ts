/**
 * Crash proof of sending notifications, once and only once: 120 orders are placed while `waybill
 * worker` processes — one on SQLite, two on PostgreSQL — relay their timeline events into order
 * confirmations and send them over SMTP to a real SMTP server that answers slowly (so that kills
 * land mid-send, before the server has the message and after), and are SIGKILLed at random
 * moments, at least 15 times, and restarted; the SMTP server also drops a few connections after it
 * kept a message and before its 250. After it: one confirmation per order, every one `sent` and
 * received; a Message-ID received twice only for a send that a kill or a drop interrupted; no send
 * job dead or left running; each order's timeline as the orders wrote it, nothing doubled.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { spawnServer, waitReady, type ServerProcess } from '../concurrency/processes.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { Client } from '../support/http.js';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../support/smtp-capture.js';
import { startChaos, until } from './chaos-workers.js';

const ADMIN_KEY = 'wb_crash_test_admin_key_0123456789ab';
const ORDERS = 120;
const MIN_KILLS = 15;
/** `drop_after_data` faults injected while the orders come in (one at a time, spread out). */
const DROPS = 4;
/**
 * The SMTP server's pause before it answers RCPT TO and again after a message's data: the windows a
 * kill can hit, before the server has the message (it must be sent again) and after (it may be).
 */
const SMTP_DELAY_MS = 150;
/**
 * One job at a time per worker: a kill then interrupts at most one send, so the duplicates are
 * bounded by kills + drops exactly (with more, one kill could cut several sends at once).
 */
const CONCURRENCY = 1;
/** A chaos worker's life, once it has started (which takes seconds on a busy machine), before its SIGKILL. */
const LIFETIME_MS = { min: 500, max: 4_000 };
const MAIL_FROM = 'Waybill Crash Shop <shop@shop.example>';

async function count(db: DatabaseHandle['db'], query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]!.n);
}

describe.each(testDialects())('notifications survive SIGKILLed workers on %s', (dialect) => {
  let smtp: SmtpCapture;
  let database: TestDatabase;
  let server: ServerProcess;
  let handle: DatabaseHandle;
  // No shipments (no simulator) and packing by hand: the orders stop after their pick lists, so the
  // workers' time goes to relaying and sending, not to packing slips and invoices.
  const common = () => ({ DATABASE_URL: database.url, LOG_LEVEL: 'warn', SMTP_URL: smtp.url, WAYBILL_MAIL_FROM: MAIL_FROM, WAYBILL_SIM: 'off', WAYBILL_MANUAL_STEPS: 'pack' });

  beforeAll(async () => {
    smtp = await startSmtpCapture({ delayMs: SMTP_DELAY_MS });
    database = await createTestDatabase(dialect);
    server = await spawnServer({ ...common(), WAYBILL_ADMIN_KEY: ADMIN_KEY, WAYBILL_WORKER: 'off', WAYBILL_RATE_LIMIT_PER_MINUTE: '0' });
    await waitReady(server);
    handle = openDatabase(database.target);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    await database?.drop();
    await smtp?.close();
  });

  it(`sends ${ORDERS} confirmations once each through at least ${MIN_KILLS} worker kills`, async () => {
    const api = new Client(server.url, ADMIN_KEY);
    await createWarehouse(api, 'DAL', 'Dallas', 'TX');
    await createProduct(api, 'MUG', { length_mm: 150, width_mm: 100, height_mm: 80, weight_grams: 300 });
    await addStock(api, 'MUG', 'DAL', 1_000);

    const slots = dialect === 'postgres' ? 2 : 1;
    // LOG_LEVEL info: the workers say when they have started (and little else).
    const run = startChaos({ envOf: (name) => ({ ...common(), LOG_LEVEL: 'info', SMTP_URL: `${smtp.url}?name=${name}`, WAYBILL_JOB_LEASE_MS: '2000', WAYBILL_WORKER_CONCURRENCY: String(CONCURRENCY) }), slots, lifetimeMs: LIFETIME_MS });
    const db = handle.db;
    const confirmationsSent = () => count(db, sql`select count(*) as n from notifications where message_type = 'order_confirmation' and status = 'sent'`);
    const diagnostics = async () => {
      const notes = await sql<{ status: string; n: number }>`select status, count(*) as n from notifications group by status`.execute(db);
      const jobs = await sql<{ type: string; state: string; n: number; last_error: string | null }>`select type, state, count(*) as n, max(last_error) as last_error from jobs group by type, state`.execute(db);
      return [`kills: ${run.kills()}, received: ${smtp.messages.length}`, `notifications: ${JSON.stringify(notes.rows)}`, `jobs: ${JSON.stringify(jobs.rows)}`, run.output()].join('\n');
    };

    // The orders come in while the workers die, paced by the kills (about eight orders a kill), so
    // that sending goes on through all of them. A drop now and then, while there is mail to drop.
    const began = Date.now();
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const due = Math.floor((i * (MIN_KILLS - 1)) / ORDERS);
      await until(`kill ${due}`, async () => run.kills() >= due, 120_000, diagnostics);
      const res = await api.post('/api/v1/orders', { ...orderBody([{ sku: 'MUG', quantity: 1 }]), customer: { email: `customer${i}@example.com`, name: `Customer ${i}`, phone: null } });
      expect(res.status, res.text).toBe(201);
      orderIds.push(res.body.id);
      if ((i + 1) % Math.floor(ORDERS / (DROPS + 1)) === 0 && i + 1 < ORDERS) smtp.inject({ stage: 'drop_after_data', count: 1 });
    }
    const injected = DROPS;
    const placedAfter = Date.now() - began;

    await until(`all ${ORDERS} confirmations sent`, async () => (await confirmationsSent()) === ORDERS, 120_000, diagnostics);
    await until(`at least ${MIN_KILLS} kills`, async () => run.kills() >= MIN_KILLS, 120_000, diagnostics);
    const sentAfter = Date.now() - began;
    const calm = await run.calm();
    const calmDiagnostics = async () => `${await diagnostics()}\n--- calm ---\n${calm.output()}`;
    try {
      // The orders' own processing finishes too (the relay job comes back every second: not counted),
      // then whatever the relay still owed, then its sends.
      await until('no job left to run', async () => (await count(db, sql`select count(*) as n from jobs where state in ('queued', 'running') and type <> 'events.relay'`)) === 0, 60_000, calmDiagnostics);
      await until('every event relayed', async () => (await count(db, sql`select count(*) as n from order_events where relayed = 0`)) === 0, 30_000, calmDiagnostics);
      await until('no send job left to run', async () => (await count(db, sql`select count(*) as n from jobs where type = 'notifications.send' and state in ('queued', 'running')`)) === 0, 30_000, calmDiagnostics);
    } finally {
      await calm.stop();
    }
    const kills = run.kills();
    const killedAt = run.killedAt();
    const drops = injected - smtp.pendingFaults();

    // One confirmation per order, by email only (phone null), all sent — as the API lists them.
    const emails = new Map<string, string>();
    for (const [i, id] of orderIds.entries()) {
      emails.set(id, `customer${i}@example.com`);
      const listed = await api.get(`/api/v1/notifications?order_id=${id}&limit=200`);
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.data).toHaveLength(1);
      expect(listed.body.data[0]).toMatchObject({ order_id: id, template: 'order_confirmation', channel: 'email', transport: 'smtp', status: 'sent', to: `customer${i}@example.com`, sent_at: expect.any(String) });
    }
    const { rows } = await sql<{ id: string; order_id: string; channel: string; status: string; message_id: string; to_address: string; attempts: number }>`
      select id, order_id, channel, status, message_id, to_address, attempts from notifications where message_type = 'order_confirmation'`.execute(db);
    expect(rows).toHaveLength(ORDERS);
    expect(new Set(rows.map((r) => r.order_id))).toEqual(new Set(orderIds));
    expect(smtp.messages.every((m) => m.clientName !== null && /^worker-\d+$/.test(m.clientName))).toBe(true);
    expect(rows.every((r) => r.channel === 'email' && r.status === 'sent' && r.to_address === emails.get(r.order_id))).toBe(true);
    expect(await count(db, sql`select count(*) as n from notifications`)).toBe(ORDERS);

    // At the SMTP server: every Message-ID at least once, to its customer, and nothing unknown.
    const received = new Map<string, CapturedMail[]>();
    for (const mail of smtp.messages) received.set(mail.messageId ?? '', [...(received.get(mail.messageId ?? '') ?? []), mail]);
    const byMessageId = new Map(rows.map((r) => [r.message_id, r]));
    expect([...received.keys()].filter((id) => !byMessageId.has(id))).toEqual([]);
    for (const row of rows) {
      const mails = received.get(row.message_id) ?? [];
      expect(mails.length, `${row.message_id} (${row.id}) never reached the SMTP server`).toBeGreaterThanOrEqual(1);
      expect(mails.every((m) => m.envelope.to.length === 1 && m.envelope.to[0] === row.to_address && m.from === 'shop@shop.example')).toBe(true);
    }

    // A second receipt only after an interrupted send: the receipt before it was dropped by the
    // server, or the worker that sent it (by its EHLO name) was killed before the message came
    // again — and one kill interrupts at most CONCURRENCY sends.
    const duplicates = smtp.messages.length - received.size;
    const cut = new Map<string, number>();
    const unexplained: string[] = [];
    let afterDrop = 0;
    let afterKill = 0;
    for (const [id, mails] of received) {
      const sorted = [...mails].sort((a, b) => a.receivedAt - b.receivedAt);
      for (let k = 1; k < sorted.length; k++) {
        const before = sorted[k - 1]!;
        const sender = before.clientName ?? '?';
        const killed = killedAt.get(sender);
        if (before.dropped) afterDrop++;
        else if (killed !== undefined && killed <= sorted[k]!.receivedAt && (cut.get(sender) ?? 0) < CONCURRENCY) {
          cut.set(sender, (cut.get(sender) ?? 0) + 1);
          afterKill++;
        } else unexplained.push(`${id}: sent by ${sender} (${killed === undefined ? 'never killed' : `killed at ${killed}`}) at ${before.receivedAt}, again by ${sorted[k]!.clientName} at ${sorted[k]!.receivedAt}`);
      }
    }
    const attempts = rows.map((r) => Number(r.attempts));
    console.log(
      `[notifications-crash ${dialect}] kills ${kills}, drops ${drops}/${injected}, received ${smtp.messages.length} for ${received.size} Message-IDs, duplicates ${duplicates} (${afterDrop} after a drop, ${afterKill} after their sender's kill), max attempts ${Math.max(...attempts)}; placed in ${(placedAfter / 1000).toFixed(0)} s, all sent after ${(sentAfter / 1000).toFixed(0)} s`,
    );
    expect(unexplained).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(drops).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBeLessThanOrEqual(kills + drops);
    expect(smtp.messages.filter((m) => m.dropped)).toHaveLength(drops);

    // The send jobs: one per notification, every one done — none dead, none left running.
    const jobs = await sql<{ state: string; n: number }>`select state, count(*) as n from jobs where type = 'notifications.send' group by state`.execute(db);
    expect(Object.fromEntries(jobs.rows.map((r) => [r.state, Number(r.n)]))).toEqual({ done: ORDERS });
    expect(await count(db, sql`select count(*) as n from jobs where state = 'dead'`)).toBe(0);

    // The timelines, through the server (which ran no job and is still up): sending wrote nothing
    // to them, and the crashes doubled nothing — every order went through the same steps, once each.
    expect(server.child.exitCode).toBeNull();
    const timelines = new Map<string, string[]>();
    for (const id of orderIds) {
      const res = await api.get(`/api/v1/orders/${id}/events?limit=200`);
      expect(res.status, res.text).toBe(200);
      timelines.set(id, (res.body.data as Array<{ type: string }>).map((e) => e.type).sort());
    }
    const steps = timelines.get(orderIds[0]!)!;
    console.log(`[notifications-crash ${dialect}] timeline: ${steps.join(', ')}`);
    expect(steps).toContain('order.placed');
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps.filter((t) => t.startsWith('notification'))).toEqual([]);
    expect([...timelines.entries()].filter(([, types]) => types.join() !== steps.join())).toEqual([]);
  }, 420_000);
});
