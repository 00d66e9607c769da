import { describe, expect, it } from 'vitest';
import { messageFor } from './message-rules.js';

const ev = (type: string, data: Record<string, unknown> = {}) => ({ id: 'evt_1', order_id: 'ord_1', type, at: '2026-11-22T10:00:00.000Z', data });

describe('which message an event means', () => {
  it('confirms an order once it is placed: at once without payment, after authorization with one', () => {
    expect(messageFor(ev('order.placed', { number: 'W-1' }))?.messageType).toBe('order_confirmation');
    expect(messageFor(ev('order.placed', { status: 'pending_payment' }))).toBeNull();
    expect(messageFor(ev('order.status_changed', { from: 'pending_payment', to: 'placed' }))?.messageType).toBe('order_confirmation');
    expect(messageFor(ev('order.status_changed', { from: 'placed', to: 'processing' }))).toBeNull();
  });

  it('tells of a failed payment but not of the cancellation it causes', () => {
    expect(messageFor(ev('payment.declined', { payment_id: 'pay_1' }))).toMatchObject({ messageType: 'payment_failed', qualifier: 'pay_1' });
    expect(messageFor(ev('order.cancelled', { from: 'pending_payment' }))).toBeNull();
    expect(messageFor(ev('order.cancelled', { from: 'processing' }))?.messageType).toBe('cancellation');
    expect(messageFor(ev('order.lines_cancelled'))).toMatchObject({ messageType: 'cancellation', qualifier: 'evt_1' });
  });

  it('follows each shipment: shipped, out for delivery, delivered, one message per shipment', () => {
    expect(messageFor(ev('shipment.shipped', { shipment_id: 'shp_1' }))).toMatchObject({ messageType: 'shipped', qualifier: 'shp_1', shipmentId: 'shp_1' });
    expect(messageFor(ev('shipment.status_changed', { shipment_id: 'shp_1', to: 'out_for_delivery' }))?.messageType).toBe('out_for_delivery');
    expect(messageFor(ev('shipment.status_changed', { shipment_id: 'shp_1', to: 'delivered' }))?.messageType).toBe('delivered');
    expect(messageFor(ev('shipment.status_changed', { shipment_id: 'shp_1', to: 'in_transit' }))).toBeNull();
    expect(messageFor(ev('tracking.event', { shipment_id: 'shp_1' }))).toBeNull();
  });

  it('tells delays apart from exceptions, once per shipment and reason', () => {
    expect(messageFor(ev('shipment.attention_raised', { shipment_id: 'shp_1', reason: 'shipment_late' }))).toMatchObject({ messageType: 'delivery_delayed', qualifier: 'shp_1:shipment_late' });
    expect(messageFor(ev('shipment.attention_raised', { shipment_id: 'shp_1', reason: 'failed_attempt', detail: 'recipient_absent' }))).toMatchObject({
      messageType: 'delivery_exception',
      incident: { reason: 'failed_attempt', detail: 'recipient_absent' },
    });
  });

  it('announces refunds and approved returns', () => {
    expect(messageFor(ev('refund.succeeded', { refund_id: 'rfd_1' }))).toMatchObject({ messageType: 'refund_issued', qualifier: 'rfd_1', refundId: 'rfd_1' });
    expect(messageFor(ev('refund.succeeded', { refund_id: 'rfd_1' }))?.returnId).toBeUndefined();
    expect(messageFor(ev('refund.succeeded', { refund_id: 'rfd_2', return_id: 'ret_1' }))).toMatchObject({ messageType: 'refund_issued', qualifier: 'rfd_2', refundId: 'rfd_2', returnId: 'ret_1' });
    expect(messageFor(ev('return.approved', { return_id: 'ret_1', label_url: 'https://x/label.pdf', shipment_id: 'shp_r' }))).toEqual({ messageType: 'return_approved', qualifier: 'ret_1', shipmentId: null, returnId: 'ret_1' });
    expect(messageFor(ev('refund.requested'))).toBeNull();
  });

  it('tells of every step of a return once per return: requested, approved, rejected, received', () => {
    for (const [type, messageType] of [
      ['return.requested', 'return_requested'],
      ['return.approved', 'return_approved'],
      ['return.rejected', 'return_rejected'],
      ['return.received', 'return_received'],
    ] as const) {
      expect(messageFor(ev(type, { return_id: 'ret_9' })), type).toMatchObject({ messageType, qualifier: 'ret_9', returnId: 'ret_9', shipmentId: null });
    }
    // Steps without news for the customer (or told by another message) mean none.
    for (const type of ['return.in_transit', 'return.delivered_to_warehouse', 'return.exchange_placed', 'return.refund_requested', 'return.closed']) expect(messageFor(ev(type, { return_id: 'ret_9' })), type).toBeNull();
  });

  it('sends nothing for the parcel of a return: it travels to the shop, not to the customer', () => {
    const ret = { shipment_id: 'shp_r', kind: 'return' };
    expect(messageFor(ev('shipment.shipped', ret))).toBeNull();
    for (const to of ['out_for_delivery', 'delivered', 'in_transit']) expect(messageFor(ev('shipment.status_changed', { ...ret, to }))).toBeNull();
    expect(messageFor(ev('shipment.attention_raised', { ...ret, reason: 'shipment_late' }))).toBeNull();
    expect(messageFor(ev('shipment.attention_raised', { ...ret, reason: 'exception', detail: 'weather' }))).toBeNull();
    // The same events of an outbound parcel still do.
    expect(messageFor(ev('shipment.status_changed', { shipment_id: 'shp_1', kind: 'outbound', to: 'delivered' }))?.messageType).toBe('delivered');
  });

  it('tells of a backorder once, when the last backordered unit is reserved', () => {
    expect(messageFor(ev('order.backorder_allocated', { lines: [{ sku: 'A', quantity: 3 }], complete: true }))).toEqual({ messageType: 'backorder_allocated', qualifier: '-', shipmentId: null });
    // A receipt that fills part of the backorder: nothing ships yet, so nothing to say.
    expect(messageFor(ev('order.backorder_allocated', { lines: [{ sku: 'A', quantity: 1 }], complete: false }))).toBeNull();
    expect(messageFor(ev('fulfillment.awaiting_backorder', { lines: [{ sku: 'A', quantity: 3 }] }))).toBeNull();
  });
});
