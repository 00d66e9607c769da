/** Builders for the shop a test needs, made through the HTTP API like a real integration would. */
import { expect } from 'vitest';
import type { Client } from './http.js';

export async function createWarehouse(api: Client, code: string, city: string, region: string | null, country = 'US', coords?: { latitude: number; longitude: number }) {
  const res = await api.post('/api/v1/warehouses', {
    code,
    name: `${city} warehouse`,
    address: { line1: '1 Dock Rd', city, region, postal_code: '00000', country },
    ...(coords ?? {}),
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function createProduct(api: Client, sku: string, overrides: Record<string, unknown> = {}) {
  const res = await api.post('/api/v1/products', { sku, name: `Product ${sku}`, unit_price: 1000, currency: 'USD', weight_grams: 500, ...overrides });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function addStock(api: Client, sku: string, warehouse: string, delta: number) {
  const res = await api.post('/api/v1/inventory/adjustments', { sku, warehouse, delta, reason: 'test stock' });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export function orderBody(lines: Array<{ sku: string; quantity: number }>, overrides: Record<string, unknown> = {}) {
  return {
    customer: { email: 'ada@example.com', name: 'Ada Lovelace', phone: '+15125550101' },
    shipping_address: { name: 'Ada Lovelace', line1: '1 Congress Ave', line2: null, city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' },
    lines,
    currency: 'USD',
    shipping: { strategy: 'cheapest', carrier: null, service: null },
    metadata: {},
    ...overrides,
  };
}

export async function stockOf(api: Client, sku: string) {
  const res = await api.get(`/api/v1/inventory?sku=${encodeURIComponent(sku)}`);
  expect(res.status, res.text).toBe(200);
  return res.body.data as Array<{ sku: string; warehouse: string; on_hand: number; reserved: number; available: number }>;
}
