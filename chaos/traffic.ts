/**
 * The customers: `orders` orders placed through the balancer by a few concurrent clients, each with
 * an Idempotency-Key of its own (also written into the order's metadata, so the checks can count
 * orders per key). The plan — what each order buys, which card declines, which order is cancelled
 * at once and which one gets a goodwill refund once captured — comes from the seed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_DESTINATIONS } from '../bench/support/places.js';
import type { Answer, ChaosClient } from './client.js';
import type { Random } from './random.js';
import type { Sku } from './shop.js';

export interface PlannedOrder {
  index: number;
  key: string;
  lines: Array<{ sku: string; quantity: number }>;
  declines: boolean;
  cancel: boolean;
  refund: boolean;
}

export type Outcome = 'placed' | 'declined' | 'refused' | 'failed';

export interface PlacedOrder {
  plan: PlannedOrder;
  outcome: Outcome;
  status: number;
  /** The order's id from its 201 or 402 answer. */
  orderId: string | null;
  attempts: number;
  /** Statuses of the attempts that were retried (0: no answer). */
  retried: number[];
  /** The cancel's answer (200 or 409 when it came too late), null when none was asked. */
  cancelStatus: number | null;
  /** The goodwill refund's id once asked. */
  refundId: string | null;
  refundStatus: number | null;
  error: string | null;
}

/** Customers are reused (upserted by email), as real ones come back. */
const CUSTOMERS = 150;
export const REFUND_AMOUNT = 300;

export function planOrders(count: number, catalog: readonly Sku[], random: Random): PlannedOrder[] {
  const plenty = catalog.filter((s) => !s.scarce).map((s) => s.sku);
  const scarce = catalog.filter((s) => s.scarce).map((s) => s.sku);
  return Array.from({ length: count }, (_, index) => {
    const lines: PlannedOrder['lines'] = [];
    const skus = new Set<string>([random.pick(plenty)]);
    if (random.next() < 0.35) skus.add(random.pick(plenty));
    for (const sku of skus) lines.push({ sku, quantity: random.int(1, 3) });
    if (random.next() < 0.12) lines.push({ sku: random.pick(scarce), quantity: random.int(1, 2) });
    const declines = random.next() < 0.05;
    const cancel = !declines && random.next() < 0.07;
    const refund = !declines && !cancel && random.next() < 0.05;
    return { index, key: `chaos-order-${index}`, lines, declines, cancel, refund };
  });
}

function bodyOf(plan: PlannedOrder) {
  const n = plan.index % CUSTOMERS;
  const place = BENCH_DESTINATIONS[plan.index % BENCH_DESTINATIONS.length]!;
  return {
    customer: { email: `customer${n}@chaos.example`, name: `Chaos Customer ${n}`, phone: null },
    shipping_address: { name: `Chaos Customer ${n}`, line1: `${plan.index + 1} Main St`, line2: null, ...place, country: 'US' },
    lines: plan.lines,
    currency: 'USD',
    shipping: { strategy: 'cheapest', carrier: null, service: null },
    payment: { provider: 'stripe', token: plan.declines ? 'pm_card_chargeDeclined' : 'pm_card_visa' },
    metadata: { chaos_key: plan.key },
  };
}

function outcomeOf(res: Answer): Outcome {
  if (res.status === 201) return 'placed';
  if (res.status === 402 && res.body?.code === 'payment_declined') return 'declined';
  if (res.status === 409 && res.body?.code === 'insufficient_stock') return 'refused';
  return 'failed';
}

async function placeOne(api: ChaosClient, plan: PlannedOrder): Promise<PlacedOrder> {
  const res = await api.post('/api/v1/orders', bodyOf(plan), plan.key);
  const outcome = outcomeOf(res);
  const orderId = outcome === 'placed' ? (res.body.id as string) : outcome === 'declined' ? ((res.body.order_id as string | undefined) ?? null) : null;
  const placed: PlacedOrder = { plan, outcome, status: res.status, orderId, attempts: res.attempts, retried: res.retried, cancelStatus: null, refundId: null, refundStatus: null, error: outcome === 'failed' ? JSON.stringify(res.body).slice(0, 300) : null };
  // Cancelled straight away, while it is still being processed: the payment is voided (or, if the
  // pipeline was quicker, the cancel is refused with 409 and the order goes on to delivery). With a
  // key of its own: a cancel whose answer a kill cut off is replayed as the 200 it was, where a
  // plain retry would be told 409 "already cancelled".
  if (outcome === 'placed' && plan.cancel) {
    const cancel = await api.post(`/api/v1/orders/${orderId}/cancel`, { reason: 'chaos run: customer changed their mind' }, `${plan.key}-cancel`);
    placed.cancelStatus = cancel.status;
  }
  return placed;
}

export interface Placement {
  results: PlacedOrder[];
  /** Resolves when `fraction` of the orders have an answer. */
  reached(fraction: number): Promise<void>;
  done: Promise<void>;
}

/** Places the orders with `concurrency` clients; progress can be awaited (the PostgreSQL restart waits for half). */
export function placeOrders(api: ChaosClient, plans: readonly PlannedOrder[], concurrency: number): Placement {
  const results: PlacedOrder[] = [];
  let cursor = 0;
  const waiters: Array<{ count: number; wake: () => void }> = [];
  const answered = () => {
    for (const w of waiters.filter((w) => results.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.wake();
    }
  };
  const clients = Array.from({ length: concurrency }, async () => {
    while (cursor < plans.length) {
      const plan = plans[cursor++]!;
      results.push(await placeOne(api, plan));
      answered();
    }
  });
  return {
    results,
    reached: (fraction) => new Promise<void>((wake) => {
      const count = Math.ceil(plans.length * fraction);
      if (results.length >= count) wake();
      else waiters.push({ count, wake });
    }),
    done: Promise.all(clients).then(() => undefined),
  };
}

/**
 * The goodwill refunds: each chosen order once its money was captured (at shipment), while the
 * processes are still being killed. `payment_status` is read through the API.
 */
export async function refundWhenCaptured(api: ChaosClient, orders: readonly PlacedOrder[], timeoutMs: number): Promise<void> {
  const pending = orders.filter((o) => o.outcome === 'placed' && o.plan.refund && o.orderId !== null);
  const deadline = Date.now() + timeoutMs;
  while (pending.length > 0 && Date.now() < deadline) {
    for (const order of [...pending]) {
      const res = await api.get(`/api/v1/orders/${order.orderId}`);
      if (res.status !== 200 || res.body.payment_status !== 'captured') continue;
      const refund = await api.post(`/api/v1/orders/${order.orderId}/refunds`, { amount: REFUND_AMOUNT, reason: 'chaos run: goodwill' }, `chaos-refund-${order.plan.index}`);
      order.refundStatus = refund.status;
      order.refundId = refund.status === 201 ? (refund.body.id as string) : null;
      pending.splice(pending.indexOf(order), 1);
    }
    if (pending.length > 0) await sleep(1_000);
  }
}
