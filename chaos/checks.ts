/**
 * What the run checks once everything has settled, each as figures and the problems found (a check
 * passes when it found none): lost or doubled orders, oversold stock, double captures or refunds,
 * duplicate notifications, dead jobs.
 */
import { sql } from 'kysely';
import { ledgerMismatches } from '../src/inventory/index.js';
import type { Db } from '../src/platform/db/database.js';
import type { FakeStripe } from '../test/support/fake-stripe.js';
import type { CapturedMail } from '../test/support/smtp-capture.js';
import type { PlacedOrder } from './traffic.js';

export interface Check {
  name: string;
  figures: string[];
  problems: string[];
}

const list = (items: readonly string[], max = 5) => `${items.slice(0, max).join('; ')}${items.length > max ? ` (+${items.length - max} more)` : ''}`;

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** 0 lost orders: every 201 (and 402) has its order, once per Idempotency-Key; every order ended delivered or cancelled, as asked. */
export async function checkOrders(db: Db, placed: readonly PlacedOrder[]): Promise<Check> {
  const problems: string[] = [];
  const orders = await rows(db, sql<{ id: string; status: string; payment_status: string; metadata: string }>`select id, status, payment_status, metadata from orders`);
  const byKey = new Map<string, typeof orders>();
  for (const o of orders) {
    const key = (JSON.parse(o.metadata) as { chaos_key?: string }).chaos_key ?? '(none)';
    byKey.set(key, [...(byKey.get(key) ?? []), o]);
  }
  const byId = new Map(orders.map((o) => [o.id, o]));
  const doubled = [...byKey.entries()].filter(([, os]) => os.length > 1).map(([k, os]) => `${k}: ${os.length} orders`);
  if (doubled.length > 0) problems.push(`orders doubled under one Idempotency-Key: ${list(doubled)}`);
  const lost = placed.filter((p) => (p.outcome === 'placed' || p.outcome === 'declined') && (p.orderId === null || !byId.has(p.orderId))).map((p) => `${p.plan.key} (${p.status}, ${p.orderId})`);
  if (lost.length > 0) problems.push(`answered 201/402 but no such order: ${list(lost)}`);
  const refusedButStored = placed.filter((p) => p.outcome === 'refused' && byKey.has(p.plan.key)).map((p) => p.plan.key);
  if (refusedButStored.length > 0) problems.push(`refused with 409 but an order exists: ${list(refusedButStored)}`);
  const failed = placed.filter((p) => p.outcome === 'failed').map((p) => `${p.plan.key}: ${p.status} ${p.error}`);
  if (failed.length > 0) problems.push(`no definite answer after retries: ${list(failed)}`);
  const unexpectedDecline = placed.filter((p) => p.outcome === 'declined' && !p.plan.declines).map((p) => p.plan.key);
  // A declining card answered 201 `pending_payment` when the provider could not be asked (the
  // PostgreSQL restart, a kill): the recovery job declines it later, and it must end cancelled too.
  if (unexpectedDecline.length > 0) problems.push(`declined though paid with an approving card: ${list(unexpectedDecline)}`);
  const foreign = orders.filter((o) => !placed.some((p) => p.orderId === o.id)).map((o) => o.id);
  if (foreign.length > 0) problems.push(`orders nobody was answered about: ${list(foreign)}`);

  // Cancelled = declined + cancels that were accepted; everything else delivered.
  const shouldCancel = new Set(placed.filter((p) => p.orderId !== null && (p.plan.declines || p.cancelStatus === 200)).map((p) => p.orderId!));
  const badCancel = placed.filter((p) => p.cancelStatus !== null && p.cancelStatus !== 200 && p.cancelStatus !== 409).map((p) => `${p.plan.key}: cancel answered ${p.cancelStatus}`);
  if (badCancel.length > 0) problems.push(`cancels without a definite answer: ${list(badCancel)}`);
  const wrongEnd = orders
    .filter((o) => (shouldCancel.has(o.id) ? o.status !== 'cancelled' : o.status !== 'delivered'))
    .map((o) => `${o.id}: ${o.status}${shouldCancel.has(o.id) ? ' (should be cancelled)' : ''}`);
  if (wrongEnd.length > 0) problems.push(`orders not delivered or cancelled as asked: ${list(wrongEnd)}`);

  const count = (outcome: string) => placed.filter((p) => p.outcome === outcome).length;
  const statuses = new Map<string, number>();
  for (const o of orders) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  const retried = placed.filter((p) => p.attempts > 1);
  return {
    name: '0 lost orders',
    figures: [
      `answers: ${count('placed')} placed (201), ${count('declined')} declined (402), ${count('refused')} refused (409 insufficient_stock), ${count('failed')} without answer; declined later by the recovery job: ${placed.filter((p) => p.outcome === 'placed' && p.plan.declines).length}`,
      `${retried.length} order requests retried with their Idempotency-Key (${retried.reduce((n, p) => n + p.retried.length, 0)} retries), each ended with one order`,
      `orders in the database: ${orders.length} (${[...statuses.entries()].map(([s, n]) => `${n} ${s}`).join(', ')}); keys with more than one order: ${doubled.length}`,
      `cancels asked: ${placed.filter((p) => p.cancelStatus !== null).length} (${placed.filter((p) => p.cancelStatus === 200).length} accepted, ${placed.filter((p) => p.cancelStatus === 409).length} too late: already shipped)`,
    ],
    problems,
  };
}

/** 0 oversold units: stock equals its ledger, never negative, reserved = what open allocations still hold, shipped ≤ received. */
export async function checkStock(db: Db, received: ReadonlyMap<string, number>): Promise<Check> {
  const problems: string[] = [];
  const mismatches = await ledgerMismatches(db);
  if (mismatches.length > 0) problems.push(`stock differs from its ledger: ${list(mismatches.map((m) => JSON.stringify(m)))}`);
  const stock = await rows(db, sql<{ sku: string; warehouse_id: string; on_hand: number; reserved: number }>`select sku, warehouse_id, on_hand, reserved from stock`);
  const held = await rows(db, sql<{ sku: string; warehouse_id: string; held: number }>`
    select sku, warehouse_id, sum(quantity - quantity_released - quantity_shipped) as held from order_allocations group by sku, warehouse_id`);
  const heldOf = new Map(held.map((h) => [`${h.sku}@${h.warehouse_id}`, Number(h.held)]));
  for (const s of stock) {
    const at = `${s.sku}@${s.warehouse_id}`;
    if (Number(s.on_hand) < 0) problems.push(`${at}: on_hand ${s.on_hand} < 0`);
    if (Number(s.reserved) < 0 || Number(s.reserved) > Number(s.on_hand)) problems.push(`${at}: reserved ${s.reserved} outside 0..on_hand ${s.on_hand}`);
    if (Number(s.reserved) !== (heldOf.get(at) ?? 0)) problems.push(`${at}: reserved ${s.reserved} but open allocations hold ${heldOf.get(at) ?? 0}`);
  }
  const shipped = await rows(db, sql<{ sku: string; shipped: number }>`select sku, sum(quantity_shipped) as shipped from order_lines group by sku`);
  const onHand = new Map<string, number>();
  for (const s of stock) onHand.set(s.sku, (onHand.get(s.sku) ?? 0) + Number(s.on_hand));
  const figures: string[] = [];
  for (const [sku, units] of received) {
    const out = Number(shipped.find((r) => r.sku === sku)?.shipped ?? 0);
    if (out > units) problems.push(`${sku}: shipped ${out} > received ${units}`);
    if ((onHand.get(sku) ?? 0) !== units - out) problems.push(`${sku}: on hand ${onHand.get(sku)} ≠ received ${units} − shipped ${out}`);
    figures.push(`${sku}: received ${units}, shipped ${out}, on hand ${onHand.get(sku) ?? 0}`);
  }
  const reserved = stock.reduce((n, s) => n + Number(s.reserved), 0);
  return {
    name: '0 oversold units',
    figures: [`ledger mismatches: ${mismatches.length}; stock rows: ${stock.length}; reserved now: ${reserved} (= open allocations)`, ...figures],
    problems,
  };
}

/** 0 double captures or refunds, counted at the payment server (the Stripe fake) against Waybill's own records. */
export async function checkPayments(db: Db, stripe: FakeStripe): Promise<Check> {
  const problems: string[] = [];
  const counts = stripe.counts();
  const intents = Object.entries(counts.byPaymentIntent);
  const doubleCaptures = intents.filter(([, c]) => c.captures > 1).map(([id, c]) => `${id}: ${c.captures} captures`);
  const doubleAuths = intents.filter(([, c]) => c.authorizations > 1).map(([id, c]) => `${id}: ${c.authorizations} authorizations`);
  if (doubleCaptures.length > 0) problems.push(`captured more than once: ${list(doubleCaptures)}`);
  if (doubleAuths.length > 0) problems.push(`authorized more than once: ${list(doubleAuths)}`);

  const payments = await rows(db, sql<{ id: string; order_id: string; status: string; reference: string | null; amount: number; amount_captured: number; amount_refunded: number }>`
    select id, order_id, status, reference, amount, amount_captured, amount_refunded from payments`);
  const refunds = await rows(db, sql<{ id: string; payment_id: string; amount: number; status: string; reference: string | null }>`select id, payment_id, amount, status, reference from refunds`);
  const providerRefunds = (stripe.events() as Array<{ type: string; data: { object: { id: string; amount: number; payment_intent: string } } }>).filter((e) => e.type === 'refund.created').map((e) => e.data.object);
  const providerByIntent = new Map<string, typeof providerRefunds>();
  for (const r of providerRefunds) providerByIntent.set(r.payment_intent, [...(providerByIntent.get(r.payment_intent) ?? []), r]);

  for (const p of payments) {
    const intent = p.reference === null ? undefined : stripe.paymentIntent(p.reference);
    const at = counts.byPaymentIntent[p.reference ?? ''];
    const captured = Number(p.amount_captured);
    if (captured > 0 && at?.captures !== 1) problems.push(`${p.id}: Waybill captured ${captured}, the provider counts ${at?.captures ?? 0} captures`);
    if (captured === 0 && (at?.captures ?? 0) > 0) problems.push(`${p.id}: captured at the provider, not in Waybill (${p.status})`);
    if (intent && captured > 0 && Number(intent.amount_received) !== captured) problems.push(`${p.id}: provider received ${String(intent.amount_received)}, Waybill captured ${captured}`);
    const mine = refunds.filter((r) => r.payment_id === p.id);
    const succeeded = mine.filter((r) => r.status === 'succeeded');
    const atProvider = providerByIntent.get(p.reference ?? '') ?? [];
    const providerTotal = atProvider.reduce((n, r) => n + Number(r.amount), 0);
    if (atProvider.length !== succeeded.length) problems.push(`${p.id}: ${succeeded.length} refunds succeeded in Waybill, ${atProvider.length} at the provider`);
    if (providerTotal > captured) problems.push(`${p.id}: refunded ${providerTotal} at the provider > captured ${captured}`);
    if (Number(p.amount_refunded) !== providerTotal) problems.push(`${p.id}: Waybill says refunded ${p.amount_refunded}, the provider ${providerTotal}`);
    const refs = new Set(atProvider.map((r) => r.id));
    const unmatched = succeeded.filter((r) => r.reference === null || !refs.has(r.reference));
    if (unmatched.length > 0) problems.push(`${p.id}: refunds without their provider refund: ${unmatched.map((r) => r.id).join(', ')}`);
  }
  const open = refunds.filter((r) => r.status !== 'succeeded').map((r) => `${r.id}: ${r.status}`);
  if (open.length > 0) problems.push(`refunds not succeeded: ${list(open)}`);
  const byStatus = new Map<string, number>();
  for (const p of payments) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  return {
    name: '0 double captures or refunds',
    figures: [
      `at the provider: ${counts.authorizations} authorizations, ${counts.declines} declines, ${counts.captures} captures, ${counts.cancels} voids, ${counts.refunds} refunds, ${counts.replays} idempotent replays; PaymentIntents captured twice: ${doubleCaptures.length}`,
      `Waybill payments: ${[...byStatus.entries()].map(([s, n]) => `${n} ${s}`).join(', ')}; refunds: ${refunds.length} (${refunds.filter((r) => r.status === 'succeeded').length} succeeded), ${providerRefunds.length} at the provider`,
    ],
    problems,
  };
}

export interface SendInterruptions {
  /** When each killed worker was killed (epoch ms), by its name (which it gave the SMTP server). */
  killedAt: ReadonlyMap<string, number>;
  /** Jobs one worker runs at once: one kill interrupts at most this many sends. */
  concurrency: number;
  /** The PostgreSQL restart's window (epoch ms), when a send's "sent" could not be written. */
  restart: { from: number; to: number } | null;
}

/** 0 duplicate notifications: one row per (order, message, channel, shipment); at the SMTP server a second receipt only after an interrupted send. */
export async function checkNotifications(db: Db, mails: readonly CapturedMail[], cut: SendInterruptions): Promise<Check> {
  const problems: string[] = [];
  const doubled = await rows(db, sql<{ order_id: string; message_type: string; channel: string; n: number }>`
    select order_id, message_type, channel, count(*) as n from notifications
    group by order_id, message_type, channel, shipment_id, event_id having count(*) > 1`);
  // Each (order, template, channel) at most once — per shipment for the shipment's own messages.
  const perTemplate = await rows(db, sql<{ order_id: string; message_type: string; channel: string; n: number }>`
    select order_id, message_type, channel, count(*) as n from notifications where shipment_id is null
    group by order_id, message_type, channel having count(*) > 1`);
  if (doubled.length > 0) problems.push(`notification rows doubled: ${list(doubled.map((d) => JSON.stringify(d)))}`);
  if (perTemplate.length > 0) problems.push(`(order, template, channel) more than once: ${list(perTemplate.map((d) => JSON.stringify(d)))}`);
  const notes = await rows(db, sql<{ id: string; message_id: string; message_type: string; channel: string; status: string }>`select id, message_id, message_type, channel, status from notifications`);
  const notSent = notes.filter((n) => n.status !== 'sent').map((n) => `${n.id} ${n.message_type}/${n.channel}: ${n.status}`);
  if (notSent.length > 0) problems.push(`notifications not sent: ${list(notSent)}`);

  const received = new Map<string, CapturedMail[]>();
  for (const m of mails) received.set(m.messageId ?? '', [...(received.get(m.messageId ?? '') ?? []), m]);
  const known = new Set(notes.map((n) => n.message_id));
  const unknown = [...received.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0) problems.push(`mail the notifications table does not know: ${list(unknown)}`);
  const missing = notes.filter((n) => n.channel === 'email' && n.status === 'sent' && !received.has(n.message_id)).map((n) => n.id);
  if (missing.length > 0) problems.push(`sent but never received: ${list(missing)}`);

  // A second receipt is explained by a kill of the worker that sent the first one (after it, and at
  // most `concurrency` sends cut per kill), or by the PostgreSQL restart (the "sent" not written).
  const cutPerSender = new Map<string, number>();
  let afterKill = 0;
  let afterRestart = 0;
  const unexplained: string[] = [];
  for (const [id, copies] of received) {
    const sorted = [...copies].sort((a, b) => a.receivedAt - b.receivedAt);
    for (let k = 1; k < sorted.length; k++) {
      const before = sorted[k - 1]!;
      const sender = before.clientName ?? '?';
      const killed = cut.killedAt.get(sender);
      if (killed !== undefined && killed >= before.receivedAt - 1_000 && killed <= sorted[k]!.receivedAt && (cutPerSender.get(sender) ?? 0) < cut.concurrency) {
        cutPerSender.set(sender, (cutPerSender.get(sender) ?? 0) + 1);
        afterKill++;
      } else if (cut.restart && before.receivedAt >= cut.restart.from - 5_000 && before.receivedAt <= cut.restart.to) afterRestart++;
      else unexplained.push(`${id}: by ${sender} (${killed === undefined ? 'never killed' : `killed ${killed - before.receivedAt} ms after`}), again by ${sorted[k]!.clientName} ${sorted[k]!.receivedAt - before.receivedAt} ms later`);
    }
  }
  if (unexplained.length > 0) problems.push(`mail received twice without an interrupted send: ${list(unexplained)}`);
  const types = new Map<string, number>();
  for (const n of notes) types.set(`${n.message_type}/${n.channel}`, (types.get(`${n.message_type}/${n.channel}`) ?? 0) + 1);
  return {
    name: '0 duplicate notifications',
    figures: [
      `notification rows: ${notes.length} (${[...types.entries()].map(([t, n]) => `${n} ${t}`).join(', ')}); doubled rows: ${doubled.length + perTemplate.length}`,
      `SMTP: ${mails.length} messages received for ${received.size} Message-IDs; received twice: ${mails.length - received.size} (${afterKill} after their sender's SIGKILL, ${afterRestart} across the PostgreSQL restart, ${unexplained.length} unexplained)`,
    ],
    problems,
  };
}

/** No dead jobs, and nothing left to run but the recurring schedules' next slots. */
export async function checkJobs(db: Db): Promise<Check> {
  const problems: string[] = [];
  const states = await rows(db, sql<{ state: string; n: number }>`select state, count(*) as n from jobs group by state`);
  const dead = await rows(db, sql<{ type: string; last_error: string | null }>`select type, last_error from jobs where state = 'dead'`);
  if (dead.length > 0) problems.push(`dead jobs: ${list(dead.map((d) => `${d.type}: ${d.last_error?.slice(0, 160)}`))}`);
  const left = await rows(db, sql<{ type: string; state: string }>`select type, state from jobs where state in ('queued', 'running') and (dedupe_key is null or dedupe_key not like 'schedule:%')`);
  if (left.length > 0) problems.push(`jobs left to run: ${list(left.map((j) => `${j.type} (${j.state})`))}`);
  const unrelayed = await rows(db, sql<{ n: number }>`select count(*) as n from order_events where relayed = 0`);
  if (Number(unrelayed[0]!.n) > 0) problems.push(`${unrelayed[0]!.n} timeline events never relayed`);
  const retried = await rows(db, sql<{ n: number }>`select count(*) as n from jobs where attempts > 1`);
  return {
    name: 'no dead jobs',
    figures: [`jobs: ${states.map((s) => `${s.n} ${s.state}`).join(', ')}; run more than once (a kill, a restart, a retry): ${retried[0]!.n}`],
    problems,
  };
}
