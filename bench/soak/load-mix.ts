/**
 * What the soak does, one request at a time: a weighted mix of the routes a running shop sees
 * (orders placed by integrations, carrier webhooks, staff dashboards, customers on the portal,
 * strangers on the tracking page). Each action picks its target from what earlier answers
 * revealed (order ids, tracking tokens and numbers), kept in bounded rings: the bench itself must
 * not grow without end over the run either, or it would muddy the server's figures.
 */
import { randomBytes } from 'node:crypto';
import type { PortalSession } from '../support/portal-accounts.js';
import { SIM_SIGNATURE_HEADER, signedSimDelivery } from '../support/sim-deliveries.js';
import { type RouteStats, timedRequest } from './route-stats.js';
import { orderBody, orderEmail, type Shop } from './shop.js';

/** Share of the requests per action; they add up to 1. */
export const MIX = {
  place_order: 0.08,
  replay_order: 0.01,
  tracking_webhook: 0.15,
  staff_orders_list: 0.1,
  staff_order: 0.1,
  staff_active_shipments: 0.06,
  staff_analytics: 0.05,
  staff_low_stock: 0.05,
  portal_orders: 0.12,
  portal_order: 0.12,
  public_tracking: 0.16,
} as const;

export type Action = keyof typeof MIX;

const RING = 1_000;
const REPLAYABLE = 50;

class Ring<T> {
  private items: T[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else this.items[this.next++ % this.size] = item;
  }
  random(): T | undefined {
    return this.items[Math.floor(Math.random() * this.items.length)];
  }
  get length(): number {
    return this.items.length;
  }
}

interface OrderAnswer {
  id?: string;
  tracking_token?: string;
  shipments?: Array<{ tracking_number: string | null }>;
}

export function createLoadMix(url: string, key: string, webhookSecret: string, shop: Shop, initialStats: RouteStats) {
  /** Where answers are recorded: the fill phase's figures are kept apart from the measured run's. */
  let stats = initialStats;
  const staff = { authorization: `Bearer ${key}` };
  const orders = new Ring<{ id: string; token: string }>(RING);
  const replayable = new Ring<{ idempotencyKey: string; body: string }>(REPLAYABLE);
  const trackingNumbers = new Ring<string>(RING);
  const knownTrackingNumbers = new Set<string>();
  const portalOrders = new Map<string, Ring<string>>(shop.portal.map((p) => [p.email, new Ring<string>(RING)]));
  let deliveries = 0;

  for (const order of shop.orders) {
    orders.push({ id: order.id, token: order.tracking_token });
    portalOrders.get(order.email)?.push(order.id);
  }

  const learnTrackingNumber = (trackingNumber: string | null | undefined) => {
    // A Set beside the ring only to skip repeats; cleared when large, so it stays bounded.
    if (!trackingNumber || knownTrackingNumbers.has(trackingNumber)) return;
    if (knownTrackingNumbers.size > RING * 4) knownTrackingNumbers.clear();
    knownTrackingNumbers.add(trackingNumber);
    trackingNumbers.push(trackingNumber);
  };
  const randomPortal = (): PortalSession => shop.portal[Math.floor(Math.random() * shop.portal.length)]!;

  async function placeOrder(): Promise<void> {
    const email = orderEmail(shop.portal.length);
    const body = JSON.stringify(orderBody(email));
    const idempotencyKey = `soak-${randomBytes(12).toString('hex')}`;
    const answer = await timedRequest(stats, 'POST /api/v1/orders', `${url}/api/v1/orders`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body,
    });
    const order = answer?.body as OrderAnswer | null | undefined;
    if (answer?.status === 201 && order?.id && order.tracking_token) {
      orders.push({ id: order.id, token: order.tracking_token });
      portalOrders.get(email)?.push(order.id);
      replayable.push({ idempotencyKey, body });
    }
  }

  /** The same key and body again: the stored answer, not a second order. */
  async function replayOrder(): Promise<void> {
    const earlier = replayable.random();
    if (!earlier) return placeOrder();
    await timedRequest(stats, 'POST /api/v1/orders (idempotent replay)', `${url}/api/v1/orders`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json', 'idempotency-key': earlier.idempotencyKey },
      body: earlier.body,
    });
  }

  async function activeShipments(): Promise<void> {
    const answer = await timedRequest(stats, 'GET /api/v1/shipments', `${url}/api/v1/shipments?active=true&limit=100`, { headers: staff });
    const page = answer?.body as { data?: Array<{ tracking_number: string | null; label_state: string }> } | null | undefined;
    for (const s of page?.data ?? []) if (s.label_state === 'purchased') learnTrackingNumber(s.tracking_number);
  }

  async function trackingWebhook(): Promise<void> {
    const trackingNumber = trackingNumbers.random();
    // No label bought yet (the first seconds): look for some instead.
    if (!trackingNumber) return activeShipments();
    const n = deliveries++;
    const { body, signature } = signedSimDelivery(webhookSecret, { trackingNumber, deliveryId: `soak-${trackingNumber}-${n}`, events: 1 + (n % 3), hubOffset: n });
    await timedRequest(stats, 'POST /webhooks/carriers/:carrier', `${url}/webhooks/carriers/sim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: signature },
      body,
    });
  }

  async function staffOrdersList(): Promise<void> {
    const queries = ['limit=50', 'status=placed', 'status=processing&limit=20', 'status=in_transit&limit=20', 'q=customer1', `email=${encodeURIComponent(orderEmail(shop.portal.length))}`];
    await timedRequest(stats, 'GET /api/v1/orders', `${url}/api/v1/orders?${queries[Math.floor(Math.random() * queries.length)]!}`, { headers: staff });
  }

  async function staffOrder(): Promise<void> {
    const order = orders.random();
    if (!order) return;
    const answer = await timedRequest(stats, 'GET /api/v1/orders/:id', `${url}/api/v1/orders/${order.id}`, { headers: staff });
    for (const s of (answer?.body as OrderAnswer | null | undefined)?.shipments ?? []) learnTrackingNumber(s.tracking_number);
  }

  async function portalOrdersList(): Promise<void> {
    const session = randomPortal();
    await timedRequest(stats, 'GET /portal/orders', `${url}/portal/orders`, { headers: { cookie: session.cookie } });
  }

  async function portalOrder(): Promise<void> {
    const session = randomPortal();
    const orderId = portalOrders.get(session.email)?.random();
    if (!orderId) return portalOrdersList();
    await timedRequest(stats, 'GET /portal/orders/:id', `${url}/portal/orders/${orderId}`, { headers: { cookie: session.cookie } });
  }

  async function publicTracking(): Promise<void> {
    const order = orders.random();
    if (!order) return;
    await timedRequest(stats, 'GET /api/v1/track/:token', `${url}/api/v1/track/${order.token}`);
  }

  const actions: Record<Action, () => Promise<void>> = {
    place_order: placeOrder,
    replay_order: replayOrder,
    tracking_webhook: trackingWebhook,
    staff_orders_list: staffOrdersList,
    staff_order: staffOrder,
    staff_active_shipments: activeShipments,
    staff_analytics: async () => void (await timedRequest(stats, 'GET /api/v1/analytics/overview', `${url}/api/v1/analytics/overview`, { headers: staff })),
    staff_low_stock: async () => void (await timedRequest(stats, 'GET /api/v1/inventory', `${url}/api/v1/inventory?below_reorder_point=true`, { headers: staff })),
    portal_orders: portalOrdersList,
    portal_order: portalOrder,
    public_tracking: publicTracking,
  };

  const entries = Object.entries(MIX) as Array<[Action, number]>;
  return {
    /** One request of the mix, chosen by its weight. */
    next(): Promise<void> {
      let r = Math.random();
      for (const [action, weight] of entries) {
        r -= weight;
        if (r < 0) return actions[action]();
      }
      return actions.public_tracking();
    },
    known: () => ({ orders: orders.length, tracking_numbers: trackingNumbers.length }),
    /** From now on, record answers in `next` (what the mix learned so far is kept). */
    recordInto(next: RouteStats): void {
      stats = next;
    },
  };
}
