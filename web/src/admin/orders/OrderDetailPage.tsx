/**
 * /admin/orders/:id (id or number): everything about one order and every action on it — status,
 * cancelling, shipments and labels, scans, packing, documents, refunds, returns — and its timeline.
 * Each action reloads the whole record and says what it did; a change for this order on the staff
 * stream reloads it too (live).
 */
import { useParams } from 'react-router-dom';
import { usePageTitle } from '../../shared/page.js';
import { useStaffSession } from '../session.js';
import { RecordPage, Section, StatusPill, useActionNotice, useCanWrite, useLiveRefresh } from '../ui/index.js';
import { CancelOrder } from './CancelOrder.js';
import { AttentionBanner, CustomerSection, FeedbackSection, PaymentSection } from './OrderOverview.js';
import { OrderLines } from './OrderLines.js';
import { OrderReturnsSection } from './OrderReturnsSection.js';
import { OrderTimeline } from './OrderTimeline.js';
import { PackingSection } from './PackingSection.js';
import { RefundsSection } from './RefundsSection.js';
import { ShipmentsSection } from './ShipmentsSection.js';
import { StatusChange } from './StatusChange.js';
import { useOrderRecord } from './useOrderRecord.js';

export function AdminOrderDetailPage() {
  const { id = '' } = useParams();
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const record = useOrderRecord(id, signedOut);
  const order = record.data?.order ?? null;
  usePageTitle(order ? `Order ${order.number}` : 'Order', 'Waybill admin');
  const live = useLiveRefresh(record.reload, { filter: (c) => order !== null && (c.order_id === order.id || c.order_number === order.number), throttleMs: 2_000, enabled: order !== null });
  const { flash, done } = useActionNotice(record.reload);

  return (
    <RecordPage
      loaded={record}
      what="the order"
      title={order ? `Order ${order.number}` : 'Order'}
      back={{ to: '/admin/orders', label: 'Orders' }}
      notFound={{ title: 'Order not found', text: `There is no order ${id}.`, back: 'Back to the orders' }}
      trail={
        order ? (
          <>
            <StatusPill status={order.status} /> ·{' '}
            <a href={order.tracking_url} target="_blank" rel="noreferrer">
              Customer’s tracking page
            </a>
          </>
        ) : null
      }
      live={live}
      flash={flash}
    >
      {({ order, events, refunds, returns, shipments, fulfillment }) => (
        <div className="order-page">
          <AttentionBanner order={order} />
          <CustomerSection order={order} />
          <OrderLines order={order} />
          <PaymentSection order={order} />
          {canWrite ? (
            <Section title="Status and cancelling">
              <StatusChange order={order} onDone={done} />
              <CancelOrder order={order} onDone={done} />
            </Section>
          ) : (
            <p className="muted">You can read this order; changing it needs the operator role.</p>
          )}
          <ShipmentsSection order={order} shipments={shipments} canWrite={canWrite} onDone={done} />
          <PackingSection order={order} fulfillment={fulfillment} canWrite={canWrite} onDone={done} />
          <RefundsSection order={order} refunds={refunds} canWrite={canWrite} onDone={done} />
          <OrderReturnsSection order={order} shipments={shipments} returns={returns} canWrite={canWrite} onDone={done} />
          <FeedbackSection order={order} />
          <OrderTimeline events={events} currency={order.currency} />
        </div>
      )}
    </RecordPage>
  );
}
