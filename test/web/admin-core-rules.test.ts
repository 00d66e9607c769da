/**
 * The pure rules behind the admin's core pages (web/src/admin): the orders list's filters as the API
 * takes them, amounts typed by staff, the charts' scale, the dashboard's series, and the timeline
 * and attention reasons in words.
 */
import { describe, expect, it } from 'vitest';
import { orderPoints, revenueSeries, onTimePoints } from '../../web/src/admin/dashboard/dashboard-series.js';
import { attentionText } from '../../web/src/admin/orders/attention.js';
import { ordersQuery } from '../../web/src/admin/orders/order-filters.js';
import { orderStatuses as adminStatuses } from '../../web/src/admin/orders/order-statuses.js';
import { amountText, parseAmount } from '../../web/src/admin/orders/money-input.js';
import { actorLabel, eventWords } from '../../web/src/admin/orders/timeline-words.js';
import { edgeAnchor, labelEvery, niceCeiling, ticks } from '../../web/src/admin/ui/charts/chart-scale.js';
import { durationSince } from '../../web/src/admin/ui/time.js';
import { orderStatuses } from '../../src/orders/order-status.js';

const none = { status: '', q: '', attention: '', from: '', to: '' };

describe('the orders list filters', () => {
  it('sends only what is set, with whole UTC days (the "to" day included)', () => {
    expect(ordersQuery(none)).toEqual({});
    expect(ordersQuery({ status: 'delivered', q: '  W-000012 ', attention: 'true', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      status: 'delivered',
      q: 'W-000012',
      attention: true,
      created_from: '2026-11-01T00:00:00.000Z',
      created_to: '2026-12-01T00:00:00.000Z',
    });
  });

  it('ignores what the address holds that the API would refuse', () => {
    expect(ordersQuery({ ...none, status: 'lost', attention: 'yes', from: '1 Nov', to: '2026-13' })).toEqual({});
  });
});

describe('the statuses the admin lists', () => {
  it('are every status of the server’s lifecycle, in its order', () => {
    expect(adminStatuses).toEqual(orderStatuses);
  });
});

describe('amounts typed by staff', () => {
  it('reads decimals by the currency’s own digits', () => {
    expect(parseAmount('12.5', 'USD')).toBe(1250);
    expect(parseAmount('12,50', 'EUR')).toBe(1250);
    expect(parseAmount('12', 'USD')).toBe(1200);
    expect(parseAmount('1200', 'JPY')).toBe(1200);
    expect(amountText(1250, 'USD')).toBe('12.50');
    expect(amountText(1200, 'JPY')).toBe('1200');
  });

  it('refuses what is not a positive amount', () => {
    for (const bad of ['', '0', '0.00', '-1', '1.234', 'ten', '12.5.0']) expect(parseAmount(bad, 'USD'), bad).toBeNull();
    expect(parseAmount('12.5', 'JPY')).toBeNull();
  });
});

describe('the charts’ scale', () => {
  it('rounds the top up to 1, 2, 2.5 or 5 of a power of ten', () => {
    expect([0, 1, 3, 7, 24, 26, 180, 4321].map(niceCeiling)).toEqual([1, 1, 5, 10, 25, 50, 200, 5000]);
    expect(ticks(200)).toEqual([0, 50, 100, 150, 200]);
  });

  it('labels about six points, always the first and the last, hanging inwards at the edges', () => {
    const shown = Array.from({ length: 30 }, (_, i) => i).filter(labelEvery(30));
    expect(shown[0]).toBe(0);
    expect(shown.at(-1)).toBe(29);
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.length).toBeLessThanOrEqual(7);
    expect([edgeAnchor(0, 30), edgeAnchor(10, 30), edgeAnchor(29, 30), edgeAnchor(0, 1)]).toEqual(['start', 'middle', 'end', 'middle']);
  });
});

describe('the dashboard series', () => {
  const days = [
    { date: '2026-11-21', orders: 2, revenue: [{ currency: 'EUR', amount: 500 }] },
    { date: '2026-11-22', orders: 3, revenue: [{ currency: 'USD', amount: 4000 }, { currency: 'EUR', amount: 100 }] },
  ];

  it('has a point per day, and a revenue series per currency with the biggest first, zeros included', () => {
    expect(orderPoints(days).map((p) => [p.label, p.short, p.value])).toEqual([
      ['Sat, Nov 21, 2026', 'Nov 21', 2],
      ['Sun, Nov 22, 2026', 'Nov 22', 3],
    ]);
    expect(revenueSeries(days).map((s) => [s.currency, s.total, s.points.map((p) => p.value)])).toEqual([
      ['USD', 4000, [0, 4000]],
      ['EUR', 600, [500, 100]],
    ]);
  });

  it('keeps a carrier without deliveries as a point without a figure', () => {
    const row = { service: null, lane: null, shipments: 1, delivered: 0, mean_transit_days: null, p90_transit_days: null, exception_rate: 0 };
    expect(onTimePoints([{ ...row, carrier: 'ups', on_time_rate: null }, { ...row, carrier: 'dhl', on_time_rate: 0.5 }])).toEqual([
      { label: 'dhl', value: 0.5 },
      { label: 'ups', value: null },
    ]);
  });
});

describe('the timeline and attention in words', () => {
  it('says why an order needs attention, with the carrier’s detail', () => {
    expect(attentionText({ reason: 'failed_attempt', detail: 'recipient_absent' })).toBe('Delivery attempt failed (nobody was home)');
    expect(attentionText({ reason: 'refund_failed' })).toBe('A refund failed');
    expect(attentionText({ reason: 'something_new' })).toBe('Something new');
  });

  it('turns events into a title and a detail, unknown types included', () => {
    expect(eventWords({ type: 'order.status_changed', data: { from: 'shipped', to: 'in_transit', note: 'by phone' } }, 'USD')).toEqual({ title: 'Status changed', detail: 'Shipped → In transit · by phone' });
    expect(eventWords({ type: 'order.attention_cleared', data: { was: 'failed_attempt' } }, 'USD')).toEqual({ title: 'Attention cleared', detail: 'Was: Delivery attempt failed' });
    expect(eventWords({ type: 'refund.succeeded', data: { amount: 1250 } }, 'USD')).toEqual({ title: 'Refund succeeded', detail: '$12.50' });
    expect(eventWords({ type: 'order.gift_wrapped', data: {} }, 'USD')).toEqual({ title: 'Order gift wrapped', detail: null });
  });

  it('names who did it', () => {
    expect(actorLabel('system:tracking')).toBe('Waybill (tracking)');
    expect(actorLabel('staff:usr_1')).toBe('Staff user usr_1');
    expect(actorLabel('api_key:key_1')).toBe('API key key_1');
    expect(actorLabel('customer:acc_1')).toBe('The customer');
  });

  it('says how long something has waited', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(durationSince('2026-11-22T11:59:30Z', now)).toBe('under a minute');
    expect(durationSince('2026-11-22T11:15:00Z', now)).toBe('45 min');
    expect(durationSince('2026-11-22T09:00:00Z', now)).toBe('3 h');
    expect(durationSince('2026-11-21T11:00:00Z', now)).toBe('1 day');
    expect(durationSince('2026-11-19T12:00:00Z', now)).toBe('3 days');
  });
});
