/**
 * The event relay: every timeline event of an order and every stock movement, once committed, is
 * turned into what others hear of it — the customer's messages (notifications) and the signed
 * webhooks of subscribed endpoints — and marked relayed, all in one transaction. The rows are the
 * outbox: a state change and its announcement can never part (no dual write), and a crash before the
 * relay's commit only means the next run does the same work again, which the notifications' and
 * deliveries' unique keys make a no-op. Movements that lower availability also nudge the
 * replenishment run (a purchase order at the reorder point). Composition like job-handlers.ts: it
 * knows these capabilities.
 */
import type { Deps } from './deps.js';
import { planNotifications, type NotificationDeps } from './notifications/index.js';
import type { Trx } from './platform/db/database.js';
import { nudgeReplenishmentRun } from './replenishment/index.js';
import { enqueueWebhookDeliveries, type WebhookDeps } from './webhooks/index.js';
import type { RelayedEvent } from './webhooks/types.js';

const BATCH = 500;
/** Batches one run may take before it lets other jobs run (the next slot continues). */
const BATCHES_PER_RUN = 20;

export interface RelayDeps {
  /**
   * `events` (the live streams' hub) hears of every relayed timeline event; without it, nobody does.
   * With `enqueue`, `clock` and `config`, movements that lower availability nudge the replenishment run.
   */
  deps: Pick<Deps, 'db' | 'dialect'> & Partial<Pick<Deps, 'events' | 'enqueue' | 'clock' | 'config'>>;
  notifications: NotificationDeps;
  webhooks: WebhookDeps;
}

/** Rows not relayed yet; on PostgreSQL locked so that two relays never take the same ones. */
function unrelayed<T extends 'order_events' | 'stock_movements'>(trx: Trx, table: T, dialect: Deps['dialect']) {
  const query = trx.selectFrom(table as 'order_events').selectAll().where('relayed', '=', 0).orderBy('id').limit(BATCH);
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** Relays a batch of timeline events; returns their ids. */
async function relayOrderEvents(trx: Trx, r: RelayDeps): Promise<string[]> {
  const rows = await unrelayed(trx, 'order_events', r.deps.dialect).execute();
  if (rows.length === 0) return [];
  const events = rows.map((row) => ({ id: row.id, order_id: row.order_id, type: row.type, at: row.at, data: JSON.parse(row.data) as Record<string, unknown> }));
  for (const event of events) await planNotifications(trx, r.notifications, event);
  const relayed: RelayedEvent[] = events.map((e) => ({ id: e.id, type: e.type, occurred_at: e.at, order_id: e.order_id, data: { ...e.data, order_id: e.order_id } }));
  await enqueueWebhookDeliveries(trx, r.webhooks, relayed);
  const ids = rows.map((row) => row.id);
  await trx.updateTable('order_events').set({ relayed: 1 }).where('id', 'in', ids).execute();
  // Live streams: on PostgreSQL a NOTIFY, delivered to every process at this transaction's commit.
  await r.deps.events?.notifyInTransaction(trx, ids);
  return ids;
}

async function relayStockMovements(trx: Trx, r: RelayDeps): Promise<number> {
  const query = trx.selectFrom('stock_movements').selectAll().where('relayed', '=', 0).orderBy('id').limit(BATCH);
  const rows = await (r.deps.dialect === 'postgres' ? query.forUpdate().skipLocked() : query).execute();
  if (rows.length === 0) return 0;
  const relayed: RelayedEvent[] = rows.map((m) => ({
    id: m.id,
    type: `stock.${m.kind}`,
    occurred_at: m.created_at,
    order_id: m.order_id,
    data: { sku: m.sku, warehouse_id: m.warehouse_id, on_hand_delta: Number(m.on_hand_delta), reserved_delta: Number(m.reserved_delta), reason: m.reason, order_id: m.order_id, actor: m.actor },
  }));
  await enqueueWebhookDeliveries(trx, r.webhooks, relayed);
  await nudgeReplenishment(trx, r, rows);
  await trx.updateTable('stock_movements').set({ relayed: 1 }).where('id', 'in', rows.map((m) => m.id)).execute();
  return rows.length;
}

/**
 * Availability (on_hand − reserved) fell — a reservation, an adjustment, a count or a write-off
 * took units — so a pair may have reached its reorder point: the run is asked to look soon, in this
 * transaction (a shipment takes as much from on_hand as from reserved, so it changes nothing).
 */
async function nudgeReplenishment(trx: Trx, r: RelayDeps, rows: ReadonlyArray<{ on_hand_delta: number; reserved_delta: number }>): Promise<void> {
  const { enqueue, clock, config } = r.deps;
  if (enqueue === undefined || clock === undefined || config?.replenishment.autoReorder !== true) return;
  if (rows.some((m) => Number(m.on_hand_delta) - Number(m.reserved_delta) < 0)) await nudgeReplenishmentRun(trx, enqueue, clock.now());
}

/** One relay run: what has been committed so far, in batches; how many rows it relayed. */
export async function relayEvents(r: RelayDeps): Promise<number> {
  let total = 0;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const { ids, n } = await r.deps.db.transaction().execute(async (trx) => {
      const relayed = await relayOrderEvents(trx, r);
      return { ids: relayed, n: relayed.length + (await relayStockMovements(trx, r)) };
    });
    // Live streams, after the commit: this process's subscribers on SQLite (a no-op on PostgreSQL).
    if (ids.length > 0) r.deps.events?.publish(ids);
    total += n;
    if (n === 0) break;
  }
  return total;
}

