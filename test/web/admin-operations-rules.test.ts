/**
 * The pure rules behind the admin's operations pages (web/src/admin): a webhook endpoint's event
 * filter, stock in words, purchase orders' statuses and next steps, the shipments page's filters as
 * the API takes them, and shipments as points on the map.
 */
import { describe, expect, it } from 'vitest';
import type { ShipmentListItem } from '../../web/src/api/index.js';
import { coverLabel, isLow, movementKindLabel, signed } from '../../web/src/admin/inventory/stock-words.js';
import { byFamily, familyOf, filterToSend, filterWords, isCovered } from '../../web/src/admin/operations/webhooks/event-filter.js';
import { outstanding, purchaseOrderActions, purchaseOrderStatuses, purchaseOrderStatusLabel, purchaseOrderTone, totalUnits } from '../../web/src/admin/replenishment/purchase-order-words.js';
import { colourOf, placedCount, shipmentPoints } from '../../web/src/admin/shipments/map-points.js';
import { carrierLabel, listQuery, mapQuery, scopeOptions } from '../../web/src/admin/shipments/shipment-filters.js';
import { statusVocabulary } from '../../web/src/admin/ui/status-words.js';

describe("a webhook endpoint's event filter", () => {
  const types = ['order.created', 'order.shipped', 'shipment.delivered', 'return.approved', 'order.cancelled'];

  it('groups types by the family before the first dot, in the order the server lists them', () => {
    expect(familyOf('order.created')).toBe('order');
    expect(familyOf('ping')).toBe('ping');
    expect(byFamily(types)).toEqual([
      { family: 'order', types: ['order.created', 'order.shipped', 'order.cancelled'] },
      { family: 'shipment', types: ['shipment.delivered'] },
      { family: 'return', types: ['return.approved'] },
    ]);
    expect(byFamily([])).toEqual([]);
  });

  it('counts a type as covered by * or by its family pattern, not by another family', () => {
    expect(isCovered(new Set(['*']), 'order.created')).toBe(true);
    expect(isCovered(new Set(['order.*']), 'order.created')).toBe(true);
    expect(isCovered(new Set(['shipment.*']), 'order.created')).toBe(false);
    expect(isCovered(new Set(['order.created']), 'order.created')).toBe(false);
  });

  it('sends the broadest entries chosen, without the types they cover', () => {
    expect(filterToSend(new Set(['*', 'order.*', 'shipment.delivered']))).toEqual(['*']);
    expect(filterToSend(new Set(['order.*', 'order.created', 'shipment.delivered']))).toEqual(['order.*', 'shipment.delivered']);
    expect(filterToSend(new Set(['order.created']))).toEqual(['order.created']);
    expect(filterToSend(new Set())).toEqual([]);
  });

  it('says the filter in words', () => {
    expect(filterWords(['*'])).toBe('Every event');
    expect(filterWords(['order.*', 'shipment.delivered'])).toBe('order.*, shipment.delivered');
  });
});

describe('stock in words', () => {
  it('is low at or below the reorder point, only where the pair is reordered at all', () => {
    expect(isLow({ available: 5, reorder_point: 5, reorder_managed: true })).toBe(true);
    expect(isLow({ available: 6, reorder_point: 5, reorder_managed: true })).toBe(false);
    expect(isLow({ available: 0, reorder_point: 5, reorder_managed: false })).toBe(false);
  });

  it('gives the days of cover, one day singular, or no recent sales', () => {
    expect(coverLabel(null)).toBe('No recent sales');
    expect(coverLabel(undefined)).toBe('No recent sales');
    expect(coverLabel(1)).toBe('1 day');
    expect(coverLabel(12.54)).toMatch(/^12[.,]5 days$/);
  });

  it('names ledger entries, unknown kinds in plain words', () => {
    expect(movementKindLabel('write_off')).toBe('Written off');
    expect(movementKindLabel('count')).toBe('Stock count');
    expect(movementKindLabel('cycle_check')).toBe('cycle check');
  });

  it('signs changes with a real minus sign', () => {
    expect(signed(5)).toBe('+5');
    expect(signed(-3)).toBe('−3');
    expect(signed(0)).toBe('0');
  });
});

describe('purchase orders in words', () => {
  const line = (quantity: number, quantity_received: number) => ({ sku: 'MUG', name: 'Mug', quantity, quantity_received, unit_cost: 100 }) as never;

  it('lists the statuses in lifecycle order, each with its label and pill tone', () => {
    expect(purchaseOrderStatuses).toEqual(['draft', 'sent', 'partially_received', 'received', 'cancelled']);
    expect(purchaseOrderStatusLabel('sent')).toBe('Sent to supplier');
    expect(purchaseOrderStatusLabel('partially_received')).toBe('Partly received');
    expect(purchaseOrderTone('received')).toBe('success');
    expect(purchaseOrderTone('partially_received')).toBe('warning');
  });

  it('counts what is still expected per line (never below 0) and the units ordered and received', () => {
    expect(outstanding(line(10, 4))).toBe(6);
    expect(outstanding(line(10, 12))).toBe(0);
    expect(totalUnits({ lines: [line(10, 4), line(5, 5)] })).toEqual({ ordered: 15, received: 9 });
  });

  it('offers send only for a draft, cancel before anything arrived, receive once sent', () => {
    expect(purchaseOrderActions({ status: 'draft', lines: [line(10, 0)] })).toEqual({ send: true, cancel: true, receive: false });
    expect(purchaseOrderActions({ status: 'sent', lines: [line(10, 0)] })).toEqual({ send: false, cancel: true, receive: true });
    expect(purchaseOrderActions({ status: 'partially_received', lines: [line(10, 3)] })).toEqual({ send: false, cancel: false, receive: true });
    expect(purchaseOrderActions({ status: 'received', lines: [line(10, 10)] })).toEqual({ send: false, cancel: false, receive: false });
    expect(purchaseOrderActions({ status: 'cancelled', lines: [line(10, 0)] })).toEqual({ send: false, cancel: false, receive: false });
  });
});

describe('a status vocabulary', () => {
  it('lists the statuses in the order they are written and gives their words', () => {
    const v = statusVocabulary<'a' | 'b'>({ b: { label: 'Bee', tone: 'info' }, a: { label: 'Ay', tone: 'danger' } });
    expect(v.statuses).toEqual(['b', 'a']);
    expect(v.words('a')).toEqual({ label: 'Ay', tone: 'danger' });
  });
});

describe("the shipments page's filters", () => {
  const none = { status: '', carrier: '', attention: '', scope: '' };

  it('asks for shipments still under way by default, finished ones or all of them by scope', () => {
    expect(listQuery(none)).toEqual({ active: true });
    expect(listQuery({ ...none, scope: 'finished' })).toEqual({ active: false });
    expect(listQuery({ ...none, scope: 'all' })).toEqual({});
    expect(scopeOptions.map((o) => o.value)).toEqual(['', 'finished', 'all']);
  });

  it('sends only the filters that are set, attention as a boolean', () => {
    expect(listQuery({ status: 'in_transit', carrier: 'ups', attention: 'true', scope: 'all' })).toEqual({ status: 'in_transit', carrier: 'ups', attention: true });
    expect(listQuery({ ...none, attention: 'false' })).toEqual({ active: true });
  });

  it('keeps the map to shipments under way whatever the scope', () => {
    expect(mapQuery({ ...none, scope: 'finished' })).toEqual({ active: true });
    expect(mapQuery({ ...none, carrier: 'sim', scope: 'all' })).toEqual({ carrier: 'sim', active: true });
  });

  it('names carriers, unknown ones by their code in capitals', () => {
    expect(carrierLabel('sim')).toBe('Simulated carrier');
    expect(carrierLabel('fedex')).toBe('FedEx');
    expect(carrierLabel('acme')).toBe('ACME');
  });
});

describe('shipments on the map', () => {
  const shipment = (over: Partial<ShipmentListItem>): ShipmentListItem =>
    ({
      id: 'shp_1',
      order_id: 'ord_1',
      tracking_number: 'SIM123',
      status: 'in_transit',
      attention: null,
      current_position: { city: 'Austin', country: 'US', latitude: 30.27, longitude: -97.74 },
      destination: { city: 'Dallas', region: 'TX', country: 'US', latitude: 32.78, longitude: -96.8 },
      ...over,
    }) as ShipmentListItem;

  it('places each at its last scan, going to its destination, in its status colour', () => {
    expect(shipmentPoints([shipment({})])).toEqual([
      {
        id: 'shp_1',
        orderId: 'ord_1',
        label: 'SIM123 · In transit · at Austin, US · to Dallas, TX, US',
        colour: colourOf('in_transit', false),
        current: [30.27, -97.74],
        destination: [32.78, -96.8],
      },
    ]);
  });

  it('paints a shipment that needs attention as a problem, whatever its status', () => {
    expect(colourOf('in_transit', true)).toBe(colourOf('exception', false));
    expect(colourOf('in_transit', false)).not.toBe(colourOf('in_transit', true));
    expect(colourOf('delivered', false)).not.toBe(colourOf('in_transit', false));
  });

  it('says when there is no scan with a place yet, and counts what it cannot place', () => {
    const points = shipmentPoints([
      shipment({}),
      shipment({ id: 'shp_2', tracking_number: null, current_position: null, destination: { city: 'Reno', region: null, country: 'US', latitude: null, longitude: null } as never }),
    ]);
    expect(points[1]).toMatchObject({ label: 'shp_2 · In transit · no scan with a place yet · to Reno, US', current: null, destination: null });
    expect(placedCount(points)).toEqual({ placed: 1, unplaced: 1 });
  });
});
