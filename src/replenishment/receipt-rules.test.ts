import { describe, expect, it } from 'vitest';
import { mostReceivable, planPurchaseReceipt } from './receipt-rules.js';

const lines = [
  { id: 'pol_a', sku: 'A', quantity: 10, quantity_received: 0 },
  { id: 'pol_b', sku: 'B', quantity: 15, quantity_received: 5 },
];
const TEN_PERCENT = 1000;

describe('purchase order receipts', () => {
  it('allows the tolerance of each line, rounded down', () => {
    expect(mostReceivable(10, TEN_PERCENT)).toBe(11);
    expect(mostReceivable(15, TEN_PERCENT)).toBe(16);
    expect(mostReceivable(9, TEN_PERCENT)).toBe(9);
    expect(mostReceivable(10, 0)).toBe(10);
    expect(mostReceivable(3, 10_000)).toBe(6);
  });

  it('accepts a partial receipt and says the order is not complete', () => {
    expect(planPurchaseReceipt(lines, [{ sku: 'A', quantity: 4 }], TEN_PERCENT)).toEqual({ kind: 'accepted', receipts: [{ lineId: 'pol_a', sku: 'A', quantity: 4 }], complete: false });
  });

  it('completes when every line has at least what was ordered, counting what came before', () => {
    const plan = planPurchaseReceipt(lines, [{ sku: 'B', quantity: 10 }, { sku: 'A', quantity: 11 }], TEN_PERCENT);
    expect(plan).toEqual({
      kind: 'accepted',
      receipts: [
        { lineId: 'pol_a', sku: 'A', quantity: 11 },
        { lineId: 'pol_b', sku: 'B', quantity: 10 },
      ],
      complete: true,
    });
  });

  it('adds up input lines of one SKU and names the one that goes over', () => {
    const plan = planPurchaseReceipt(lines, [{ sku: 'A', quantity: 6 }, { sku: 'B', quantity: 1 }, { sku: 'A', quantity: 6 }], TEN_PERCENT);
    expect(plan.kind).toBe('refused');
    if (plan.kind === 'refused') expect(plan.errors.map((e) => e.path)).toEqual(['lines[2].quantity']);
  });

  it('refuses beyond the tolerance, counting what was received before', () => {
    const plan = planPurchaseReceipt(lines, [{ sku: 'B', quantity: 12 }], TEN_PERCENT);
    expect(plan.kind).toBe('refused');
    if (plan.kind === 'refused') expect(plan.errors).toEqual([{ path: 'lines[0].quantity', message: expect.stringContaining('at most 16') }]);
    expect(planPurchaseReceipt(lines, [{ sku: 'B', quantity: 11 }], TEN_PERCENT).kind).toBe('accepted');
  });

  it('refuses a SKU that is not on the order', () => {
    const plan = planPurchaseReceipt(lines, [{ sku: 'A', quantity: 1 }, { sku: 'Z', quantity: 1 }], TEN_PERCENT);
    expect(plan).toEqual({ kind: 'refused', errors: [{ path: 'lines[1].sku', message: 'Z is not on this purchase order' }] });
  });
});
