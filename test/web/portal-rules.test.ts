/**
 * The portal's and the tracking page's pure rules: the timeline in words, what of an order can
 * still be returned, the return form's body and where the server's errors go, when the tracking
 * page stops polling, and the map's "Last scan" text.
 */
import { describe, expect, it } from 'vitest';
import { customerTimeline, timelineText, withoutRepeats } from '../../web/src/portal/timeline-text.js';
import type { Returnable } from '../../web/src/api/index.js';
import { canReturnSomething, returnableLines } from '../../web/src/portal/returnable.js';
import { buildRequest, emptyChoice, problemsFromServer } from '../../web/src/portal/returns/return-form.js';
import { policySentences } from '../../web/src/portal/return-words.js';
import { lastScanText } from '../../web/src/track/last-scan.js';
import { trackingSettled } from '../../web/src/track/polling.js';

describe('the timeline in words', () => {
  it('says each customer-facing change as a sentence, money in the order currency', () => {
    const say = (type: string, data: Record<string, unknown> = {}) => timelineText({ type, at: '2026-11-22T10:00:00Z', data }, 'USD');
    expect(say('order.placed', { total: 4848, currency: 'USD' })).toBe('You placed the order ($48.48).');
    expect(say('order.status_changed', { from: 'shipped', to: 'in_transit' })).toBe('Order status: In transit.');
    expect(say('shipment.shipped', { carrier: 'sim' })).toBe('Your parcel left the warehouse with Waybill Sim.');
    expect(say('tracking.event', { status: 'in_transit', description: 'Arrived at hub', city: 'Denver', country: 'US' })).toBe('Parcel scanned in Denver, US: Arrived at hub.');
    expect(say('tracking.event', { status: 'out_for_delivery', kind: 'return' })).toBe('Return parcel scanned: it is out for delivery.');
    expect(say('return.requested', { lines: [{ sku: 'MUG', quantity: 2 }] })).toBe('You asked to return 2 items.');
    expect(say('return.approved')).toBe('Your return was approved: print the label and send the parcel.');
    expect(say('return.rejected', { reason: 'Worn' })).toBe('Your return was declined: Worn.');
    expect(say('refund.succeeded', { amount: 759 })).toBe('$7.59 was refunded to you.');
    expect(say('order.feedback_received', { rating: 4, comment: null })).toBe('You rated the delivery 4 out of 5.');
    expect(say('order.lines_cancelled', { lines: [{ sku: 'TEA', quantity: 1 }] })).toBe('1 item of the order was cancelled.');
    expect(say('something.new_here')).toBe('Something new here.');
  });

  it('leaves out a parcel status change its own scan already said, and puts the newest first', () => {
    const entries = [
      { type: 'order.placed', at: '2026-11-22T10:00:00Z', data: {} },
      { type: 'tracking.event', at: '2026-11-22T10:05:00Z', data: { shipment_id: 'shp_1', status: 'delivered' } },
      { type: 'shipment.status_changed', at: '2026-11-22T10:05:00Z', data: { shipment_id: 'shp_1', to: 'delivered' } },
      { type: 'shipment.status_changed', at: '2026-11-22T10:05:00Z', data: { shipment_id: 'shp_2', to: 'exception' } },
    ];
    expect(withoutRepeats(entries).map((e) => e.data.shipment_id ?? e.type)).toEqual(['order.placed', 'shp_1', 'shp_2']);
    expect(customerTimeline(entries).map((e) => e.type)).toEqual(['shipment.status_changed', 'tracking.event', 'order.placed']);
  });
});

describe('what can still be returned, in words', () => {
  const line = (overrides: Partial<Returnable['lines'][number]>): Returnable['lines'][number] => ({
    sku: 'MUG',
    name: 'Mug',
    unit_price: 1999,
    delivered: 2,
    held: 0,
    allowed: 2,
    window_closes_at: '2026-12-22T10:05:00.000Z',
    note: null,
    ...overrides,
  });
  const answer = (lines: Returnable['lines']): Returnable => ({ order_id: 'ord_1', window_days: 30, lines });

  it("keeps the server's figures and says why fewer or none can go back", () => {
    const lines = returnableLines(
      answer([
        line({ held: 1, allowed: 1, note: 'partly_in_other_returns' }),
        line({ sku: 'TEA', delivered: 3, allowed: 1, note: 'partly_past_window' }),
        line({ sku: 'GIFT', allowed: 0, note: 'non_returnable' }),
        line({ sku: 'CAP', delivered: 0, allowed: 0, window_closes_at: null, note: 'not_delivered' }),
      ]),
    );
    expect(lines.map((l) => [l.sku, l.delivered, l.held, l.allowed, l.window_closes_at])).toEqual([
      ['MUG', 2, 1, 1, '2026-12-22T10:05:00.000Z'],
      ['TEA', 3, 0, 1, '2026-12-22T10:05:00.000Z'],
      ['GIFT', 2, 0, 0, '2026-12-22T10:05:00.000Z'],
      ['CAP', 0, 0, 0, null],
    ]);
    expect(lines.map((l) => l.note)).toEqual(['1 already in a return.', '2 of them past the return window.', 'This item cannot be returned.', 'Not delivered yet: you can return it once it has arrived.']);
  });

  it('offers a return only while some line allows one', () => {
    expect(canReturnSomething(answer([line({ allowed: 0, note: 'window_closed' }), line({ sku: 'TEA', allowed: 0, note: 'in_other_returns' })]))).toBe(false);
    expect(canReturnSomething(answer([line({ allowed: 0, note: 'window_closed' }), line({ sku: 'TEA', allowed: 1 })]))).toBe(true);
    expect(canReturnSomething(answer([]))).toBe(false);
  });
});

describe('the return form', () => {
  it('sends the lines with a quantity, an exchange as exchange_sku, and says what is missing', () => {
    const built = buildRequest(['MUG', 'TEA'], { MUG: { quantity: 1, reason: 'changed_mind', resolution: 'same', exchangeSku: '' }, TEA: emptyChoice }, '  Too big  ');
    expect(built).toEqual({ body: { lines: [{ sku: 'MUG', quantity: 1, reason: 'changed_mind', exchange_sku: 'MUG' }], comment: 'Too big' }, skus: ['MUG'], problems: [] });
    expect(buildRequest(['MUG'], {}, '').problems).toEqual([{ sku: null, field: 'lines', message: 'Choose how many of at least one item to return.' }]);
    expect(buildRequest(['MUG'], { MUG: { quantity: 2, reason: '', resolution: 'other', exchangeSku: ' ' } }, '').problems.map((p) => p.field)).toEqual(['reason', 'exchange_sku']);
  });

  it("puts the server's errors beside the lines they number, a refused SKU at its quantity", () => {
    const errors = [
      { path: 'lines[1].exchange_sku', message: 'no product has SKU X' },
      { path: 'lines[0].sku', message: 'MUG cannot be returned' },
      { path: 'comment', message: 'is too long' },
    ];
    expect(problemsFromServer(errors, ['MUG', 'TEA'])).toEqual([
      { sku: 'TEA', field: 'exchange_sku', message: 'no product has SKU X' },
      { sku: 'MUG', field: 'quantity', message: 'MUG cannot be returned' },
      { sku: null, field: 'comment', message: 'is too long' },
    ]);
  });

  it('says the policy in sentences', () => {
    const reasons = [
      { code: 'damaged', label: 'Arrived damaged', shop_fault: true, return_shipping_paid_by: 'shop', restocking_fee: false },
      { code: 'changed_mind', label: 'Changed my mind', shop_fault: false, return_shipping_paid_by: 'customer', restocking_fee: true },
    ];
    expect(policySentences({ window_days: 30, restocking_fee_percent: 10, reasons })).toEqual([
      'You can return items within 30 days of delivery.',
      'When the fault is ours (arrived damaged), the return label is free and we refund the shipping too.',
      'For the other reasons, the cost of the return label is taken off the refund.',
      'A restocking fee of 10% of the item price applies when the reason is: changed my mind.',
    ]);
  });
});

describe('the tracking page', () => {
  it('polls until every parcel is delivered or the order is cancelled', () => {
    expect(trackingSettled({ status: 'processing', shipments: [] })).toBe(false);
    expect(trackingSettled({ status: 'partially_shipped', shipments: [{ status: 'delivered' }, { status: 'in_transit' }] })).toBe(false);
    expect(trackingSettled({ status: 'delivered', shipments: [{ status: 'delivered' }, { status: 'delivered' }] })).toBe(true);
    expect(trackingSettled({ status: 'cancelled', shipments: [] })).toBe(true);
  });

  it("says where the parcel was last scanned, the later of two scans of one moment", () => {
    const scans = [
      { occurred_at: '2026-11-22T10:00:00Z', city: 'Dallas', region: 'TX', country: 'US' },
      { occurred_at: '2026-11-22T14:05:00Z', city: 'Denver', region: 'CO', country: 'US' },
      { occurred_at: '2026-11-22T14:05:00Z', city: 'Boulder', region: 'CO', country: 'US' },
    ];
    expect(lastScanText(scans, 'en-GB', 'UTC')).toBe('Last scan: Boulder, CO, US, 22 Nov 2026, 14:05');
    expect(lastScanText([{ occurred_at: '2026-11-22T14:05:00Z', city: null, region: null, country: null }], 'en-GB', 'UTC')).toBe('Last scan: 22 Nov 2026, 14:05');
    expect(lastScanText([])).toMatch(/^No scan yet/);
  });
});
