/**
 * The shop the orders buy from: two warehouses, three SKUs with plenty of stock and one scarce SKU
 * that runs out early, so that later orders for it are refused with 409 (the oversell attempts).
 */
import type { ChaosClient } from './client.js';

export interface Sku {
  sku: string;
  unitPrice: number;
  /** Units added per warehouse. */
  stock: Record<string, number>;
  scarce: boolean;
}

export const WAREHOUSES = [
  { code: 'DAL', city: 'Dallas', region: 'TX' },
  { code: 'EWR', city: 'Newark', region: 'NJ' },
] as const;

export function catalogFor(orders: number): Sku[] {
  // Plenty: a line asks for up to 3 units, about half the orders have each plentiful SKU.
  const plenty = Math.max(200, orders * 2);
  return [
    { sku: 'MUG', unitPrice: 1_200, stock: { DAL: plenty, EWR: plenty }, scarce: false },
    { sku: 'TEE', unitPrice: 2_000, stock: { DAL: plenty, EWR: plenty }, scarce: false },
    { sku: 'CAP', unitPrice: 1_500, stock: { DAL: plenty, EWR: plenty }, scarce: false },
    // About one order in eight asks for a lamp, one or two: roughly a third of them can be filled.
    { sku: 'LAMP', unitPrice: 4_500, stock: { DAL: Math.ceil(orders / 40), EWR: Math.ceil(orders / 60) }, scarce: true },
  ];
}

async function mustCreate(api: ChaosClient, path: string, body: unknown, key: string): Promise<void> {
  const res = await api.post(path, body, key);
  if (res.status !== 201) throw new Error(`setting up the shop: POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export async function setUpShop(api: ChaosClient, catalog: readonly Sku[]): Promise<void> {
  for (const w of WAREHOUSES) {
    await mustCreate(api, '/api/v1/warehouses', { code: w.code, name: `${w.city} warehouse`, address: { line1: '1 Dock Rd', city: w.city, region: w.region, postal_code: '00000', country: 'US' } }, `shop-warehouse-${w.code}`);
  }
  for (const s of catalog) {
    await mustCreate(api, '/api/v1/products', { sku: s.sku, name: `Chaos ${s.sku}`, unit_price: s.unitPrice, currency: 'USD', weight_grams: 400, length_mm: 150, width_mm: 100, height_mm: 80 }, `shop-product-${s.sku}`);
    for (const [warehouse, delta] of Object.entries(s.stock)) {
      await mustCreate(api, '/api/v1/inventory/adjustments', { sku: s.sku, warehouse, delta, reason: 'chaos run stock' }, `shop-stock-${s.sku}-${warehouse}`);
    }
  }
}

/** Units received per SKU (what the shop put in): shipped can never exceed it. */
export function unitsReceived(catalog: readonly Sku[]): Map<string, number> {
  return new Map(catalog.map((s) => [s.sku, Object.values(s.stock).reduce((a, b) => a + b, 0)]));
}
