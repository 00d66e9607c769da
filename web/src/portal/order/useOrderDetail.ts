/**
 * Everything the order page shows, kept live: the order (GET /portal/orders/{id}), the customer's
 * returns (for what of it can still go back) and the return policy (the window). A change of this
 * order on /portal/stream reloads it in place: status, parcels, scans, map and timeline follow
 * without a page load. The destination's coordinates (the map's ring) come from the order's public
 * tracking answer: the portal's order has the address but not where it is on a map.
 */
import { useCallback } from 'react';
import { api, call, type PortalOrder } from '../../api/index.js';
import { useEventStream, type StreamChange } from '../../shared/useEventStream.js';
import { useLoad } from '../../shared/useLoad.js';
import type { LatLng } from '../../track/TrackingMap.js';
import { usePortalSession } from '../session.js';
import { useSoon } from '../useSoon.js';

/** The tracking token is the last part of the order's public tracking page address. */
function trackingTokenOf(order: PortalOrder): string | null {
  const token = new URL(order.tracking_url, 'http://localhost').pathname.split('/').pop();
  return token ? token : null;
}

/** A change of this order: the stream names orders by id and number, the page's address by either. */
export function isChangeOf(change: StreamChange, order: Pick<PortalOrder, 'id' | 'number'> | null, requested: string): boolean {
  if (order !== null) return change.order_id === order.id || change.order_number === order.number;
  return change.order_id === requested || (change.order_number ?? '').toUpperCase() === requested.toUpperCase();
}

export function useOrderDetail(id: string) {
  const { signedOut } = usePortalSession();
  const lost = useCallback(() => signedOut(false), [signedOut]);
  const order = useLoad(() => call(api.portalApi.GET('/portal/orders/{id}', { params: { path: { id } } })), [id], signedOut);
  const returns = useLoad(() => call(api.portalApi.GET('/portal/returns', { params: { query: { limit: 200 } } })), [], signedOut);
  const policy = useLoad(() => call(api.portalApi.GET('/portal/returns/policy')), [], signedOut);

  const token = order.data ? trackingTokenOf(order.data) : null;
  const destination = useLoad<LatLng | null>(async () => {
    if (token === null) return null;
    const tracking = await call(api.publicApi.GET('/api/v1/track/{token}', { params: { path: { token } } }));
    const { latitude, longitude } = tracking.destination;
    return latitude !== null && longitude !== null ? [latitude, longitude] : null;
  }, [token]);

  const reloadOrder = useSoon(order.reload);
  const reloadReturns = useSoon(returns.reload);
  const live = useEventStream(
    '/portal/stream',
    (change) => {
      if (!isChangeOf(change, order.data, id)) return;
      reloadOrder();
      if (change.type.startsWith('return.') || change.type.startsWith('refund.')) reloadReturns();
    },
    lost,
  );

  const orderReturns = order.data && returns.data ? returns.data.data.filter((r) => r.order_id === order.data!.id) : [];
  return { order, orderReturns, policy: policy.data, destination: destination.data, live };
}
