import { describe, expect, it } from 'vitest';
import { defaultReturnReasons, loadReturnSettings } from '../config-returns.js';
import { autoApproves, customerPaysReturnLabel, isNonReturnableSku, refundFor, returnableUnits, windowClosesAt, type PricedReturnLine } from './return-policy.js';

const settings = { reasons: defaultReturnReasons, restockingFeeBps: 1000 };
// Three mugs at 20.00 and a shirt at 30.00: subtotal 90.00, shipping 6.00, tax 10 %.
const order = { subtotal: 9000, shipping_total: 600, tax_total: 900 };
const line = (over: Partial<PricedReturnLine>): PricedReturnLine => ({ sku: 'MUG', quantity: 1, unit_price: 2000, reason: 'damaged', exchange_sku: null, ...over });

describe('refundFor', () => {
  it('refunds the shop’s fault in full: items, their tax and their share of the shipping, no fee, no label', () => {
    expect(refundFor(settings, order, [line({ quantity: 2 })], 750)).toEqual({ items: 4000, tax: 400, shipping: 267, restocking_fee: 0, return_label: 0, total: 4667 });
  });

  it('takes the restocking fee and the label off a return for the customer’s reason, and keeps the shipping', () => {
    expect(refundFor(settings, order, [line({ reason: 'changed_mind' })], 750)).toEqual({ items: 2000, tax: 200, shipping: 0, restocking_fee: 200, return_label: 750, total: 1250 });
  });

  it('mixes reasons line by line: the fee on the customer’s lines, shipping on the shop’s, and the label is the shop’s', () => {
    const lines = [line({ reason: 'damaged' }), line({ sku: 'TEE', unit_price: 3000, reason: 'wrong_size' })];
    expect(customerPaysReturnLabel(settings, lines)).toBe(false);
    expect(refundFor(settings, order, lines, 750)).toEqual({ items: 5000, tax: 500, shipping: 133, restocking_fee: 300, return_label: 0, total: 5333 });
  });

  it('refunds nothing for exchanged lines, and never less than nothing', () => {
    expect(refundFor(settings, order, [line({ exchange_sku: 'MUG-BLUE' })], 750).total).toBe(0);
    expect(refundFor(settings, { subtotal: 100, shipping_total: 0, tax_total: 0 }, [line({ unit_price: 100, reason: 'changed_mind' })], 5000)).toMatchObject({ return_label: 5000, total: 0 });
    expect(refundFor(settings, { subtotal: 0, shipping_total: 600, tax_total: 0 }, [line({ unit_price: 0 })], 0).total).toBe(0);
  });

  it('reads the fee and the reasons from the environment', () => {
    const custom = loadReturnSettings({
      WAYBILL_RESTOCKING_FEE_PERCENT: '12.5',
      WAYBILL_RETURN_REASONS: JSON.stringify([{ code: 'late', label: 'Arrived late', shop_fault: true, return_shipping_paid_by: 'customer' }, { code: 'meh' }]),
    });
    expect(custom.restockingFeeBps).toBe(1250);
    // Late is the shop's fault (shipping back, no fee) but the customer pays the label.
    expect(refundFor(custom, order, [line({ reason: 'late' })], 500)).toEqual({ items: 2000, tax: 200, shipping: 133, restocking_fee: 0, return_label: 500, total: 1833 });
    expect(refundFor(custom, order, [line({ reason: 'meh' })], 500)).toMatchObject({ restocking_fee: 250, shipping: 0, return_label: 500 });
  });
});

describe('the return window', () => {
  const delivered = [
    { sku: 'MUG', quantity: 2, delivered_at: '2026-11-01T12:00:00.000Z' },
    { sku: 'MUG', quantity: 1, delivered_at: '2026-11-20T12:00:00.000Z' },
    { sku: 'TEE', quantity: 1, delivered_at: '2026-11-01T12:00:00.000Z' },
  ];

  it('counts the units delivered within the window, each delivery on its own', () => {
    expect(returnableUnits(delivered, 30, new Date('2026-11-25T00:00:00Z'))).toEqual(new Map([['MUG', 3], ['TEE', 1]]));
    expect(returnableUnits(delivered, 30, new Date('2026-12-05T00:00:00Z'))).toEqual(new Map([['MUG', 1]]));
    // The last instant of the window still counts.
    expect(returnableUnits(delivered, 30, new Date('2026-12-01T12:00:00.000Z')).get('TEE')).toBe(1);
    expect(returnableUnits(delivered, 30, new Date('2026-12-01T12:00:00.001Z')).get('TEE')).toBeUndefined();
    expect(returnableUnits(delivered, 0, new Date('2026-11-20T12:00:00.000Z'))).toEqual(new Map([['MUG', 1]]));
  });

  it('says when the last window closes', () => {
    expect(windowClosesAt(delivered, 30)).toBe('2026-12-20T12:00:00.000Z');
    expect(windowClosesAt([], 30)).toBeNull();
  });
});

describe('non-returnable SKUs', () => {
  it('matches globs whole, any case, with regular-expression characters taken literally', () => {
    const patterns = ['GIFT-*', '*.DIGITAL', 'FINAL(1)', 'X+Y'];
    expect(isNonReturnableSku(patterns, 'GIFT-CARD-50')).toBe(true);
    expect(isNonReturnableSku(patterns, 'gift-card')).toBe(true);
    expect(isNonReturnableSku(patterns, 'EBOOK.DIGITAL')).toBe(true);
    expect(isNonReturnableSku(patterns, 'EBOOKxDIGITAL')).toBe(false);
    expect(isNonReturnableSku(patterns, 'FINAL(1)')).toBe(true);
    expect(isNonReturnableSku(patterns, 'FINAL1')).toBe(false);
    expect(isNonReturnableSku(patterns, 'X+Y')).toBe(true);
    expect(isNonReturnableSku(patterns, 'XXY')).toBe(false);
    expect(isNonReturnableSku(patterns, 'MY-GIFT-CARD')).toBe(false);
    expect(isNonReturnableSku([], 'ANYTHING')).toBe(false);
  });
});

describe('auto-approval', () => {
  it('covers a request only when every reason is listed and the refund is within the limit', () => {
    const rule = { autoApprove: { reasons: ['damaged', 'defective'], maxRefund: 5000 } };
    expect(autoApproves(rule, [{ reason: 'damaged' }, { reason: 'defective' }], 5000)).toBe(true);
    expect(autoApproves(rule, [{ reason: 'damaged' }], 5001)).toBe(false);
    expect(autoApproves(rule, [{ reason: 'damaged' }, { reason: 'changed_mind' }], 100)).toBe(false);
    expect(autoApproves(rule, [], 0)).toBe(false);
    expect(autoApproves({ autoApprove: null }, [{ reason: 'damaged' }], 0)).toBe(false);
  });
});
