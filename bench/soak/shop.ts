/**
 * The soak's shop, set up through the HTTP API like a user would: two warehouses, SKUS products
 * with far more stock than ten minutes of orders take, and PORTAL_CUSTOMERS customers who each
 * placed an order and then made a verified portal account (so their portal pages and streams have
 * something to show). Orders come from a larger pool of customers; the portal ones are in it.
 */
import { parallel } from '../support/parallel.js';
import { registerPortalCustomer, type PortalSession } from '../support/portal-accounts.js';
import { BENCH_DESTINATIONS, BENCH_WAREHOUSES, pick } from '../support/places.js';

const SKUS = 50;
const STOCK_PER_WAREHOUSE = 1_000_000;
const ORDER_CUSTOMERS = 500;

const skus = Array.from({ length: SKUS }, (_, i) => `SOAK-${String(i).padStart(3, '0')}`);

export const portalEmail = (n: number) => `portal${n}@soak.example`;

/** One of the order customers: mostly the anonymous pool, a portal customer one time in `portalShare`. */
export function orderEmail(portalCustomers: number, portalShare = 0.2): string {
  if (portalCustomers > 0 && Math.random() < portalShare) return portalEmail(Math.floor(Math.random() * portalCustomers));
  return `customer${Math.floor(Math.random() * ORDER_CUSTOMERS)}@soak.example`;
}

/** An order of 1–3 distinct random SKUs, 1–2 units each. */
export function orderBody(email: string): Record<string, unknown> {
  const chosen = new Set<string>();
  const lines = 1 + Math.floor(Math.random() * 3);
  while (chosen.size < lines) chosen.add(pick(skus));
  const name = email.split('@')[0]!;
  return {
    customer: { email, name, phone: '+15125550101' },
    shipping_address: { name, line1: '1 Main St', line2: null, ...pick(BENCH_DESTINATIONS), country: 'US' },
    lines: [...chosen].map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 2) })),
    currency: 'USD',
    shipping: { strategy: 'cheapest', carrier: null, service: null },
    metadata: {},
  };
}

export interface Shop {
  portal: PortalSession[];
  /** Orders placed while seeding (one per portal customer): id and tracking token. */
  orders: Array<{ id: string; tracking_token: string; email: string }>;
}

export async function seedShop(url: string, key: string, portalCustomers: number): Promise<Shop> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding: POST ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  for (const warehouse of BENCH_WAREHOUSES) await post('/api/v1/warehouses', warehouse);
  await parallel(skus, 8, async (sku) => {
    await post('/api/v1/products', { sku, name: `Soak product ${sku}`, unit_price: 900 + (sku.charCodeAt(sku.length - 1) % 10) * 100, currency: 'USD', weight_grams: 600, length_mm: 200, width_mm: 150, height_mm: 100 });
  });
  const stock = skus.flatMap((sku) => BENCH_WAREHOUSES.map((w) => ({ sku, warehouse: w.code, delta: STOCK_PER_WAREHOUSE, reason: 'soak stock' })));
  await parallel(stock, 8, async (adjustment) => {
    await post('/api/v1/inventory/adjustments', adjustment);
  });
  const orders: Shop['orders'] = [];
  const portal: PortalSession[] = [];
  for (let n = 0; n < portalCustomers; n++) {
    const email = portalEmail(n);
    const order = await post('/api/v1/orders', orderBody(email));
    orders.push({ id: String(order.id), tracking_token: String(order.tracking_token), email });
    portal.push(await registerPortalCustomer(url, key, email, `Portal customer ${n}`));
  }
  return { portal, orders };
}
