/**
 * Everything the order page shows, read together so that one reload (after an action, or a live
 * change) brings all of it up to date: the order, its timeline, refunds, returns, shipments (with
 * their tracking events) and what processing produced (packages, invoice).
 */
import { api, call, type AdminOrder, type AdminOrderEvent, type AdminRefund, type AdminReturn, type AdminShipment } from '../../api/index.js';
import { useLoad, type Loaded } from '../../shared/useLoad.js';
import { allPages } from '../ui/index.js';

export interface Fulfillment {
  packages: Array<{ id: string; warehouse: string; seq: number; box_code: string | null; weight_grams: number; items: Array<{ sku: string; quantity: number }>; status: 'proposed' | 'packed' }>;
  invoice: { number: string; issued_at: string; total: number; currency: string } | null;
}

export interface OrderRecord {
  order: AdminOrder;
  /** Newest first. */
  events: AdminOrderEvent[];
  refunds: AdminRefund[];
  returns: AdminReturn[];
  shipments: AdminShipment[];
  fulfillment: Fulfillment;
}

async function loadRecord(id: string): Promise<OrderRecord> {
  const order = await call(api.staffApi.GET('/api/v1/orders/{id}', { params: { path: { id } } }));
  const path = { id: order.id };
  const [events, refunds, returns, shipments, fulfillment] = await Promise.all([
    allPages((cursor) => call(api.staffApi.GET('/api/v1/orders/{id}/events', { params: { path, query: { limit: 200, cursor } } }))),
    call(api.staffApi.GET('/api/v1/orders/{id}/refunds', { params: { path } })),
    allPages((cursor) => call(api.staffApi.GET('/api/v1/returns', { params: { query: { order_id: order.id, limit: 200, cursor } } }))),
    allPages((cursor) => call(api.staffApi.GET('/api/v1/shipments', { params: { query: { order_id: order.id, limit: 200, cursor } } }))),
    call(api.staffApi.GET('/api/v1/orders/{id}/fulfillment', { params: { path } })),
  ]);
  // Newest first; a carrier scan is placed by when it happened, not when it was heard of.
  const timeline = [...events.rows].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  return { order, events: timeline, refunds: refunds.data, returns: returns.rows, shipments: shipments.rows, fulfillment };
}

export function useOrderRecord(id: string, signedOut: () => void): Loaded<OrderRecord> {
  return useLoad(() => loadRecord(id), [id], signedOut);
}
