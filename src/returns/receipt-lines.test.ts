import { describe, expect, it } from 'vitest';
import { planReceipt, receiptErrors } from './receipt-lines.js';

const lines = [
  { id: 'rtl_1', sku: 'MUG', quantity: 2 },
  { id: 'rtl_2', sku: 'CAP', quantity: 1 },
  { id: 'rtl_3', sku: 'MUG', quantity: 1 },
];

describe('receiptErrors', () => {
  it('accepts up to what the return asked for, adding up lines of one SKU', () => {
    expect(receiptErrors(lines, [{ sku: 'MUG', quantity: 2, condition: 'resellable' }, { sku: 'MUG', quantity: 1, condition: 'damaged' }])).toEqual([]);
    expect(receiptErrors(lines, [{ sku: 'CAP', quantity: 1, condition: 'damaged' }])).toEqual([]);
  });

  it('names a SKU that is not on the return, and the line that went over what was asked', () => {
    expect(
      receiptErrors(lines, [
        { sku: 'HAT', quantity: 1, condition: 'resellable' },
        { sku: 'MUG', quantity: 2, condition: 'resellable' },
        { sku: 'MUG', quantity: 2, condition: 'damaged' },
        { sku: 'MUG', quantity: 1, condition: 'damaged' },
      ]),
    ).toEqual([
      { path: 'lines[0].sku', message: 'HAT is not on this return' },
      // Once per SKU, on the line that crossed the limit.
      { path: 'lines[2].quantity', message: '4 of MUG received, but the return asked for 3' },
    ]);
  });
});

describe('planReceipt', () => {
  it('fills the return lines of a SKU in line order, resellable first, and sums per SKU and condition', () => {
    const plan = planReceipt(lines, [
      { sku: 'MUG', quantity: 1, condition: 'damaged' },
      { sku: 'MUG', quantity: 2, condition: 'resellable' },
    ]);
    expect(plan.lines).toEqual([
      { id: 'rtl_1', sku: 'MUG', quantity_resellable: 2, quantity_damaged: 0 },
      { id: 'rtl_2', sku: 'CAP', quantity_resellable: 0, quantity_damaged: 0 },
      { id: 'rtl_3', sku: 'MUG', quantity_resellable: 0, quantity_damaged: 1 },
    ]);
    expect(plan.bySku).toEqual([{ sku: 'MUG', resellable: 2, damaged: 1 }]);
    expect(plan.summary).toEqual([
      { sku: 'MUG', quantity: 2, condition: 'resellable' },
      { sku: 'MUG', quantity: 1, condition: 'damaged' },
    ]);
  });

  it('leaves lines of which less arrived partly empty', () => {
    const plan = planReceipt(lines, [{ sku: 'MUG', quantity: 1, condition: 'resellable' }, { sku: 'MUG', quantity: 1, condition: 'damaged' }]);
    expect(plan.lines[0]).toEqual({ id: 'rtl_1', sku: 'MUG', quantity_resellable: 1, quantity_damaged: 1 });
    expect(plan.lines[2]).toEqual({ id: 'rtl_3', sku: 'MUG', quantity_resellable: 0, quantity_damaged: 0 });
  });
});
