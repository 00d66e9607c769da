import { describe, expect, it } from 'vitest';
import { deliveryStatuses } from './delivery.repository.js';
import { eventFilterProblem, filterMatches, webhookEventFamilies, webhookEventTypes } from './event-catalogue.js';
import { DeliveryStatusSchema } from './webhook.schemas.js';

describe('event filters', () => {
  it('accepts *, family patterns and known types; refuses the rest', () => {
    expect(eventFilterProblem('*')).toBeNull();
    for (const family of webhookEventFamilies) expect(eventFilterProblem(`${family}.*`)).toBeNull();
    for (const type of webhookEventTypes) expect(eventFilterProblem(type)).toBeNull();
    for (const bad of ['order.nonsense', 'fulfillment.*', 'order', 'order.**', '*.placed', 'ORDER.placed', '']) expect(eventFilterProblem(bad), bad).not.toBeNull();
  });

  it('every catalogued type belongs to a family and is unique', () => {
    expect(new Set(webhookEventTypes).size).toBe(webhookEventTypes.length);
    for (const type of webhookEventTypes) expect(webhookEventFamilies).toContain(type.split('.')[0]);
    expect(webhookEventTypes).toEqual(expect.arrayContaining(['order.placed', 'tracking.event', 'stock.reserve', 'refund.succeeded', 'return.approved', 'shipment.status_changed']));
  });

  it('matches exact names, families (also types added to them later) and *', () => {
    expect(filterMatches(['order.placed'], 'order.placed')).toBe(true);
    expect(filterMatches(['order.placed'], 'order.cancelled')).toBe(false);
    expect(filterMatches(['order.*'], 'order.some_future_event')).toBe(true);
    expect(filterMatches(['order.*'], 'orders.placed')).toBe(false);
    expect(filterMatches(['stock.*', 'tracking.event'], 'tracking.event')).toBe(true);
    expect(filterMatches(['*'], 'fulfillment.packed')).toBe(true);
    expect(filterMatches([], 'order.placed')).toBe(false);
  });

  it('the delivery status schema lists exactly the statuses', () => {
    expect(DeliveryStatusSchema.anyOf.map((s) => s.const)).toEqual([...deliveryStatuses]);
  });
});
