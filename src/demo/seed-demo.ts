/**
 * A sample shop for `waybill demo` and `npm start` on an empty database: a catalog, two warehouses
 * with stock, and a few customers with orders, so that every screen has something to show.
 */
import { createProduct } from '../catalog/index.js';
import type { Deps } from '../deps.js';
import { adjustStock, createWarehouse } from '../inventory/index.js';
import { orderDepsOf, placeOrder } from '../orders/index.js';

const products = [
  { sku: 'MUG-01', name: 'Enamel camp mug', unit_price: 1800, weight_grams: 300, dims: [110, 90, 90] },
  { sku: 'MUG-02', name: 'Stoneware mug, slate', unit_price: 2400, weight_grams: 420, dims: [120, 95, 95] },
  { sku: 'TEE-S', name: 'Organic tee, small', unit_price: 2900, weight_grams: 180, dims: [300, 250, 20] },
  { sku: 'TEE-M', name: 'Organic tee, medium', unit_price: 2900, weight_grams: 200, dims: [300, 250, 20] },
  { sku: 'TEE-L', name: 'Organic tee, large', unit_price: 2900, weight_grams: 220, dims: [300, 250, 25] },
  { sku: 'BAG-TOTE', name: 'Canvas tote bag', unit_price: 3500, weight_grams: 350, dims: [400, 350, 30] },
  { sku: 'NOTE-A5', name: 'A5 dotted notebook', unit_price: 1500, weight_grams: 250, dims: [210, 148, 15] },
  { sku: 'PEN-BRASS', name: 'Brass pen', unit_price: 4500, weight_grams: 60, dims: [140, 20, 20] },
  { sku: 'LAMP-DESK', name: 'Desk lamp', unit_price: 8900, weight_grams: 1600, dims: [450, 200, 200] },
  { sku: 'KETTLE-1L', name: 'Gooseneck kettle, 1 l', unit_price: 6400, weight_grams: 1100, dims: [300, 180, 170] },
  { sku: 'BEANS-250', name: 'Coffee beans, 250 g', unit_price: 1400, weight_grams: 270, dims: [200, 120, 60] },
  { sku: 'POSTER-A2', name: 'Map poster, A2', unit_price: 2500, weight_grams: 200, dims: [620, 80, 80] },
] as const;

const warehouses = [
  { code: 'RNO', name: 'Reno fulfillment center', address: { line1: '1 Logistics Way', city: 'Reno', region: 'NV', postal_code: '89502', country: 'US' } },
  { code: 'CMH', name: 'Columbus fulfillment center', address: { line1: '500 Commerce Dr', city: 'Columbus', region: 'OH', postal_code: '43215', country: 'US' } },
] as const;

const customers = [
  { email: 'ada@example.com', name: 'Ada Lovelace', phone: '+15125550101', address: { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' }, lines: [{ sku: 'MUG-01', quantity: 2 }, { sku: 'BEANS-250', quantity: 1 }] },
  { email: 'grace@example.com', name: 'Grace Hopper', phone: '+12125550102', address: { line1: '10 Hudson St', city: 'New York', region: 'NY', postal_code: '10013', country: 'US' }, lines: [{ sku: 'LAMP-DESK', quantity: 1 }] },
  { email: 'alan@example.com', name: 'Alan Turing', phone: null, address: { line1: '2 Market St', city: 'San Francisco', region: 'CA', postal_code: '94105', country: 'US' }, lines: [{ sku: 'TEE-M', quantity: 2 }, { sku: 'NOTE-A5', quantity: 3 }] },
] as const;

export async function isEmptyShop(deps: Deps): Promise<boolean> {
  const row = await deps.db.selectFrom('products').select('sku').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function seedDemo(deps: Deps): Promise<{ products: number; warehouses: number; orders: number }> {
  const actor = 'demo';
  await deps.db.transaction().execute(async (trx) => {
    for (const p of products) {
      await createProduct(trx, deps.clock, {
        sku: p.sku,
        name: p.name,
        unit_price: p.unit_price,
        currency: 'USD',
        weight_grams: p.weight_grams,
        length_mm: p.dims[0],
        width_mm: p.dims[1],
        height_mm: p.dims[2],
        reorder_point: 10,
        reorder_quantity: 50,
        lead_time_days: 7,
      });
    }
    for (const w of warehouses) await createWarehouse(trx, deps, { code: w.code, name: w.name, address: { ...w.address } });
    for (const [i, p] of products.entries()) {
      await adjustStock(trx, deps, { sku: p.sku, warehouse: 'RNO', delta: 40 + i * 5, reason: 'demo: opening stock', actor });
      await adjustStock(trx, deps, { sku: p.sku, warehouse: 'CMH', delta: 60 - i * 3, reason: 'demo: opening stock', actor });
    }
  });
  const orderDeps = orderDepsOf(deps);
  for (const c of customers) {
    await deps.db.transaction().execute((trx) =>
      placeOrder(
        trx,
        orderDeps,
        {
          customer: { email: c.email, name: c.name, phone: c.phone },
          shipping_address: { name: c.name, ...c.address },
          lines: c.lines.map((l) => ({ ...l })),
          currency: 'USD',
        },
        actor,
      ),
    );
  }
  return { products: products.length, warehouses: warehouses.length, orders: customers.length };
}
