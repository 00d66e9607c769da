/**
 * /account/orders/:id: one of the customer's orders (GET /portal/orders/{id}) as it stands, kept
 * live from /portal/stream: its status, each parcel (outbound and return) with its progress and
 * scans, one map of them all with its text alternative, the lines and totals, the delivery address,
 * the invoice, a way to return what arrived, the delivery rating, and the timeline in words.
 */
import { Link, useParams } from 'react-router-dom';
import type { PortalOrder } from '../api/index.js';
import { formatDay, formatMoney, statusLabel } from '../shared/format.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { beforeShipping } from '../track/progress.js';
import { StatusPill } from '../track/StatusPill.js';
import { LiveIndicator } from './LiveIndicator.js';
import { DeliveryFeedback } from './order/DeliveryFeedback.js';
import { OrderLines, ShippingAddress } from './order/OrderLines.js';
import { OrderMap } from './order/OrderMap.js';
import { OrderTimeline } from './order/OrderTimeline.js';
import { ParcelCard } from './order/ParcelCard.js';
import { parcelsOf } from './order/parcels.js';
import { useOrderDetail } from './order/useOrderDetail.js';
import { canReturnSomething } from './returnable.js';

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const detail = useOrderDetail(id);
  const { order } = detail;
  usePageTitle(order.data ? `Order ${order.data.number}` : 'Order');

  if (order.data === null) {
    if (order.error?.status === 404) {
      return (
        <PageMain title="We could not find this order">
          <p>There is no order of yours at this address. Orders placed with another email are not in this account.</p>
          <p>
            <Link to="/account/orders">See your orders</Link>
          </p>
        </PageMain>
      );
    }
    return (
      <PageMain title="Order">
        {order.error ? (
          <div className="form-error" role="alert">
            <p>{order.error.detail}</p>
          </div>
        ) : (
          <Notice busy>Loading the order…</Notice>
        )}
      </PageMain>
    );
  }
  return <OrderView {...detail} order={order.data} onFeedback={order.reload} />;
}

type Detail = ReturnType<typeof useOrderDetail>;

function OrderView({ order, orderReturns, returnable: leftToReturn, destination, live, onFeedback }: Omit<Detail, 'order'> & { order: PortalOrder; onFeedback(): void }) {
  const parcels = parcelsOf(order.shipments);
  const returnable = leftToReturn !== null && canReturnSomething(leftToReturn);
  return (
    <PageMain title={`Order ${order.number}`}>
      <div className="portal-summary-bar">
        <StatusPill subject="Order status" text={statusLabel(order.status)} testId="order-status" />
        <span>Placed {formatDay(order.created_at)}</span>
        <span>{formatMoney(order.total, order.currency)}</span>
        <LiveIndicator state={live} />
      </div>

      <ul className="portal-actions" aria-label="What you can do">
        {order.invoice_url ? (
          <li>
            <a href={order.invoice_url} className="button" type="application/pdf">
              Download the invoice (PDF)
            </a>
          </li>
        ) : null}
        {returnable ? (
          <li>
            <Link to={`/account/orders/${order.id}/return`} className="button">
              Return items
            </Link>
          </li>
        ) : null}
        <li>
          <a href={order.tracking_url} className="button">
            Tracking page to share
          </a>
        </li>
        {orderReturns.length > 0 ? (
          <li>
            <Link to="/account/returns" className="button">
              Your returns of this order ({orderReturns.length})
            </Link>
          </li>
        ) : null}
      </ul>

      <section className="portal-delivery" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">Delivery</h2>
        {parcels.length === 0 ? (
          <div className="card">
            <h3>Not shipped yet</h3>
            <p>{beforeShipping(order.status)}</p>
          </div>
        ) : (
          <div className="track-layout">
            <div className="track-shipments">
              {parcels.map((parcel, index) => (
                <ParcelCard key={parcel.key} parcel={parcel} index={index} />
              ))}
            </div>
            <OrderMap parcels={parcels} destination={destination} city={order.shipping_address.city} />
          </div>
        )}
      </section>

      <DeliveryFeedback order={order} onSaved={onFeedback} />

      <div className="portal-columns">
        <OrderLines order={order} />
        <ShippingAddress address={order.shipping_address} />
      </div>

      <OrderTimeline order={order} />

      <p>
        <Link to="/account/orders">Back to your orders</Link>
      </p>
    </PageMain>
  );
}
