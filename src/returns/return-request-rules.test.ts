import { describe, expect, it } from 'vitest';
import { defaultReturnReasons } from '../config-returns.js';
import { checkReturnRequest, returnableOf, type ReturnRequestFacts } from './return-request-rules.js';

const settings = { windowDays: 30, nonReturnableSkus: ['GIFT-*'], reasons: defaultReturnReasons };
const now = new Date('2026-11-22T10:00:00Z');

function facts(over: Partial<ReturnRequestFacts> = {}): ReturnRequestFacts {
  return {
    currency: 'USD',
    orderLines: new Map([
      ['MUG', { name: 'Mug', unit_price: 2000, quantity_shipped: 3 }],
      ['TEE', { name: 'Tee', unit_price: 3000, quantity_shipped: 1 }],
      ['GIFT-CARD', { name: 'Gift card', unit_price: 2500, quantity_shipped: 1 }],
      ['FINAL', { name: 'Final sale', unit_price: 500, quantity_shipped: 1 }],
    ]),
    delivered: [
      // Two mugs long ago, one last week; the shirt not yet.
      { sku: 'MUG', quantity: 2, delivered_at: '2026-10-01T12:00:00Z' },
      { sku: 'MUG', quantity: 1, delivered_at: '2026-11-15T12:00:00Z' },
      { sku: 'GIFT-CARD', quantity: 1, delivered_at: '2026-11-15T12:00:00Z' },
      { sku: 'FINAL', quantity: 1, delivered_at: '2026-11-15T12:00:00Z' },
    ],
    held: new Map(),
    products: new Map([
      ['MUG', { returnable: true, currency: 'USD' }],
      ['TEE', { returnable: true, currency: 'USD' }],
      ['GIFT-CARD', { returnable: true, currency: 'USD' }],
      ['FINAL', { returnable: false, currency: 'USD' }],
      ['MUG-BLUE', { returnable: true, currency: 'USD' }],
      ['MUG-EU', { returnable: true, currency: 'EUR' }],
    ]),
    ...over,
  };
}

const rulesOf = (result: ReturnType<typeof checkReturnRequest>) => (result.ok ? [] : result.errors.map((e) => [e.path, e.rule]));

describe('checking a return request', () => {
  it('prices the lines from the order and merges lines that say the same', () => {
    const result = checkReturnRequest(settings, facts({ delivered: [{ sku: 'MUG', quantity: 3, delivered_at: '2026-11-15T12:00:00Z' }] }), [
      { sku: 'MUG', quantity: 1, reason: 'damaged' },
      { sku: 'MUG', quantity: 1, reason: 'damaged', exchange_sku: null },
    ], now);
    expect(result).toEqual({ ok: true, lines: [{ sku: 'MUG', name: 'Mug', quantity: 2, unit_price: 2000, reason: 'damaged', exchange_sku: null }] });
  });

  it('keeps apart lines of one SKU with different reasons or exchanges', () => {
    const result = checkReturnRequest(settings, facts({ delivered: [{ sku: 'MUG', quantity: 3, delivered_at: '2026-11-15T12:00:00Z' }] }), [
      { sku: 'MUG', quantity: 1, reason: 'damaged' },
      { sku: 'MUG', quantity: 1, reason: 'wrong_size', exchange_sku: 'MUG-BLUE' },
    ], now);
    expect(result.ok && result.lines.map((l) => [l.reason, l.exchange_sku])).toEqual([
      ['damaged', null],
      ['wrong_size', 'MUG-BLUE'],
    ]);
  });

  it('names the rule of each violation and the field it is about', () => {
    const result = checkReturnRequest(settings, facts(), [
      { sku: 'NOPE', quantity: 1, reason: 'damaged' },
      { sku: 'TEE', quantity: 1, reason: 'damaged' },
      { sku: 'FINAL', quantity: 1, reason: 'damaged' },
      { sku: 'GIFT-CARD', quantity: 1, reason: 'damaged' },
      { sku: 'MUG', quantity: 1, reason: 'bored', exchange_sku: 'MUG-EU' },
      { sku: 'MUG', quantity: 1, reason: 'damaged', exchange_sku: 'MUG-NONE' },
    ], now);
    expect(rulesOf(result)).toEqual([
      ['lines[0].sku', 'not_in_order'],
      ['lines[1].quantity', 'not_delivered'],
      ['lines[2].sku', 'non_returnable'],
      ['lines[3].sku', 'non_returnable'],
      ['lines[4].reason', 'unknown_reason'],
      ['lines[4].exchange_sku', 'exchange_sku'],
      ['lines[5].exchange_sku', 'exchange_sku'],
      // One mug is inside the window; lines 4 and 5 ask for two.
      ['lines[5].quantity', 'return_window'],
    ]);
  });

  it('allows only the units delivered within the window', () => {
    expect(returnableOf(settings, facts(), 'MUG', now)).toMatchObject({ delivered: 3, inWindow: 1, remaining: 3, allowed: 1 });
    const result = checkReturnRequest(settings, facts(), [{ sku: 'MUG', quantity: 2, reason: 'damaged' }], now);
    expect(rulesOf(result)).toEqual([['lines[0].quantity', 'return_window']]);
    const closed = checkReturnRequest(settings, facts(), [{ sku: 'MUG', quantity: 1, reason: 'damaged' }], new Date('2026-12-20T00:00:00Z'));
    expect(closed.ok ? null : closed.errors[0]!.message).toBe('the 30-day return window for MUG closed at 2026-12-15T12:00:00.000Z');
  });

  it('counts what other returns hold, and never more than was shipped', () => {
    const recent = [{ sku: 'MUG', quantity: 3, delivered_at: '2026-11-15T12:00:00Z' }];
    const held = checkReturnRequest(settings, facts({ delivered: recent, held: new Map([['MUG', 2]]) }), [{ sku: 'MUG', quantity: 2, reason: 'damaged' }], now);
    expect(held.ok ? null : held.errors[0]).toEqual({ path: 'lines[0].quantity', rule: 'quantity', message: 'only 1 of MUG can still be returned (3 delivered, 2 already in other returns)' });
    // A shipment that says more than the line shipped is capped by the line.
    const over = facts({ delivered: [{ sku: 'MUG', quantity: 5, delivered_at: '2026-11-15T12:00:00Z' }] });
    expect(returnableOf(settings, over, 'MUG', now).allowed).toBe(3);
    // Lines of one SKU count together; the error is on the line that goes past.
    const split = checkReturnRequest(settings, facts({ delivered: recent }), [
      { sku: 'MUG', quantity: 2, reason: 'damaged' },
      { sku: 'MUG', quantity: 2, reason: 'changed_mind' },
      { sku: 'MUG', quantity: 1, reason: 'changed_mind' },
    ], now);
    expect(rulesOf(split)).toEqual([['lines[1].quantity', 'quantity']]);
  });
});
