/**
 * Everything the order page shows, kept live: the order (GET /portal/orders/{id}), the customer's
 * returns of it, and what of it can still go back (GET /portal/orders/{id}/returnable). A change of
 * this order on /portal/stream reloads it in place: status, parcels, scans, map and timeline follow
 * without a page load. The map's destination is where the outbound parcels go (placed by the server).
 */
import { useCallback } from 'react';
import { api, call, type PortalOrder } from '../../api/index.js';
import { useEventStream, type StreamChange } from '../../shared/useEventStream.js';
import { useLoad } from '../../shared/useLoad.js';
import type { LatLng } from '../../track/TrackingMap.js';
import { usePortalSession } from '../session.js';
import { useSoon } from '../useSoon.js';

/** Where the outbound parcels go, on the map; null when the place is unknown or nothing has shipped. */
function destinationOf(order: PortalOrder): LatLng | null {
  const place = order.shipments.find((s) => s.kind === 'outbound')?.destination;
  return place && place.latitude !== null && place.longitude !== null ? [place.latitude, place.longitude] : null;
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
  const returnable = useLoad(() => call(api.portalApi.GET('/portal/orders/{id}/returnable', { params: { path: { id } } })), [id], signedOut);

  const reloadOrder = useSoon(order.reload);
  const reloadReturns = useSoon(() => {
    returns.reload();
    returnable.reload();
  });
  const live = useEventStream(
    '/portal/stream',
    (change) => {
      if (!isChangeOf(change, order.data, id)) return;
      reloadOrder();
      // A delivery opens the return window; a return's steps change what is left to return.
      if (change.type.startsWith('return.') || change.type.startsWith('refund.') || change.type.startsWith('shipment.') || change.type === 'tracking.event') reloadReturns();
    },
    lost,
  );

  const orderReturns = order.data && returns.data ? returns.data.data.filter((r) => r.order_id === order.data!.id) : [];
  return { order, orderReturns, returnable: returnable.data, destination: order.data ? destinationOf(order.data) : null, live };
}
