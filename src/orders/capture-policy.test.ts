import { describe, expect, it } from 'vitest';
import { amountOwed, capturePointReached } from './capture-policy.js';

describe('capture policy', () => {
  it('captures at shipment by default and only at delivery in the escrow case', () => {
    expect(capturePointReached('shipment', 'shipped')).toBe(true);
    expect(capturePointReached('shipment', 'partially_shipped')).toBe(true);
    expect(capturePointReached('shipment', 'processing')).toBe(false);
    expect(capturePointReached('delivery', 'shipped')).toBe(false);
    expect(capturePointReached('delivery', 'delivered')).toBe(true);
  });

  it('owes the whole total when nothing was cancelled', () => {
    const order = { subtotal: 3000, shipping_total: 500, tax_total: 248, lines: [{ unit_price: 1000, quantity: 3, quantity_cancelled: 0 }] };
    expect(amountOwed(order)).toBe(3748);
  });

  it('owes the remaining units, shipping and their share of the tax after a partial cancellation', () => {
    const order = {
      subtotal: 3000,
      shipping_total: 500,
      tax_total: 248,
      lines: [
        { unit_price: 1000, quantity: 2, quantity_cancelled: 1 },
        { unit_price: 1000, quantity: 1, quantity_cancelled: 0 },
      ],
    };
    // 2000 of 3000 left: tax 248 × 2/3 = 165.33 → 165.
    expect(amountOwed(order)).toBe(2000 + 500 + 165);
  });

  it('owes nothing when every unit was cancelled', () => {
    expect(amountOwed({ subtotal: 1000, shipping_total: 500, tax_total: 80, lines: [{ unit_price: 1000, quantity: 1, quantity_cancelled: 1 }] })).toBe(0);
  });
});
