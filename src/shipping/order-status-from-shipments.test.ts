import { describe, expect, it } from 'vitest';
import { orderStatusFromShipments } from './order-status-from-shipments.js';

describe('order status from shipments', () => {
  it('says nothing until a parcel has left', () => {
    expect(orderStatusFromShipments([], 0)).toBeNull();
  });
  it('is partially shipped while units wait', () => {
    expect(orderStatusFromShipments([{ status: 'delivered' }], 2)).toBe('partially_shipped');
  });
  it('follows the least advanced parcel', () => {
    expect(orderStatusFromShipments([{ status: 'label_created' }], 0)).toBe('shipped');
    expect(orderStatusFromShipments([{ status: 'in_transit' }, { status: 'delivered' }], 0)).toBe('in_transit');
    expect(orderStatusFromShipments([{ status: 'out_for_delivery' }, { status: 'delivered' }], 0)).toBe('out_for_delivery');
    expect(orderStatusFromShipments([{ status: 'out_for_delivery' }, { status: 'failed_attempt' }], 0)).toBe('in_transit');
    expect(orderStatusFromShipments([{ status: 'delivered' }, { status: 'delivered' }], 0)).toBe('delivered');
  });
});
