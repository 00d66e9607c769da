/**
 * /admin/purchase-orders/:id: one purchase order (GET /purchase-orders/{id}, by id or number) with
 * its lines and what came of them; sending a draft to the supplier, cancelling before anything
 * arrived (both asked first), receiving goods in parts, and its PDF.
 */
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, call, type PurchaseOrder } from '../../api/index.js';
import { Field } from '../../shared/fields.js';
import { formatDay, formatMoment } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { PurchaseOrderStatusPill } from './PurchaseOrderStatusPill.js';
import { outstanding, purchaseOrderActions } from './purchase-order-words.js';
import { ReceiveForm } from './ReceiveForm.js';
import '../operations.css';
import { ConfirmButton, countOf, DataTable, Facts, ProblemAlert, Section, useCanWrite } from '../ui/index.js';

export function PurchaseOrderDetailPage() {
  const { id = '' } = useParams();
  const { signedOut } = useStaffSession();
  const location = useLocation();
  const canWrite = useCanWrite();
  const po = useLoad(() => call(api.staffApi.GET('/api/v1/purchase-orders/{id}', { params: { path: { id } } })), [id], signedOut);
  const [done, setDone] = useState<string | null>((location.state as { created?: boolean } | null)?.created ? 'Purchase order raised.' : null);
  usePageTitle(po.data ? `Purchase order ${po.data.number}` : 'Purchase order', 'Waybill admin');

  if (po.data === null) {
    return (
      <PageMain title="Purchase order">
        {po.loading ? <Notice busy>Loading the purchase order…</Notice> : null}
        {po.error?.status === 404 ? (
          <p>
            There is no purchase order {id}. <Link to="/admin/purchase-orders">All purchase orders</Link>
          </p>
        ) : (
          <ProblemAlert error={po.error} onRetry={po.reload} what="The purchase order could not be loaded" />
        )}
      </PageMain>
    );
  }

  const order = po.data;
  const can = purchaseOrderActions(order);
  const changed = (next: PurchaseOrder, message: string) => {
    po.setData(next);
    setDone(message);
  };

  return (
    <PageMain title={`Purchase order ${order.number}`}>
      <p className="ops-breadcrumb">
        <Link to="/admin/purchase-orders">All purchase orders</Link>
      </p>
      <div className="ops-toolbar">
        <p>
          <span data-testid="purchase-order-status">
            <PurchaseOrderStatusPill status={order.status} />
          </span>{' '}
          {order.source === 'auto' ? 'Raised at the reorder point.' : 'Raised by hand.'}
        </p>
        <a className="button" href={order.pdf_url} target="_blank" rel="noreferrer">
          Open the PDF<span className="visually-hidden"> of {order.number}</span>
        </a>
      </div>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={po.error} onRetry={po.reload} />

      <Section title="Details">
        <Facts
          items={[
            [
              'Supplier',
              <>
                {order.supplier.name} · <a href={`mailto:${order.supplier.email}`}>{order.supplier.email}</a>
              </>,
            ],
            ['Deliver to', `Warehouse ${order.warehouse}`],
            ['Expected', order.expected_at ? formatDay(order.expected_at) : '—'],
            ['Created', formatMoment(order.created_at)],
            order.sent_at !== null && ['Sent', formatMoment(order.sent_at)],
            order.received_at !== null && ['Received', formatMoment(order.received_at)],
            order.cancelled_at !== null && ['Cancelled', formatMoment(order.cancelled_at)],
            order.note !== null && order.note !== '' && ['Note', order.note],
          ]}
        />
      </Section>

      <Section title="Lines">
        <DataTable
          caption={`Lines of ${order.number}`}
          captionHidden
          rows={order.lines}
          rowKey={(l) => l.sku}
          rowProps={(l) => ({ 'data-testid': `po-line-${l.sku}` })}
          columns={[
            { key: 'sku', header: 'SKU', rowHeader: true, cell: (l) => l.sku },
            { key: 'name', header: 'Product', cell: (l) => l.name },
            { key: 'ordered', header: 'Ordered', align: 'end', cell: (l) => l.quantity.toLocaleString() },
            { key: 'received', header: 'Received', align: 'end', cell: (l) => <span data-field="received">{l.quantity_received.toLocaleString()}</span> },
            { key: 'outstanding', header: 'Still expected', align: 'end', cell: (l) => (order.status === 'cancelled' ? '—' : outstanding(l).toLocaleString()) },
          ]}
        />
      </Section>

      {canWrite && (can.send || can.cancel) ? (
        <Section title="Actions">
          <div className="button-row">
            {can.send ? (
              <ConfirmButton
                label="Send to the supplier"
                buttonClassName="button button-primary"
                title={`Send ${order.number} to ${order.supplier.name}?`}
                confirmLabel="Send it"
                onConfirm={async () => {
                  const sent = await call(api.staffApi.POST('/api/v1/purchase-orders/{id}/send', { params: { path: { id: order.id } } }));
                  changed(sent, `Sent to ${order.supplier.name} (${order.supplier.email}).`);
                }}
              >
                <p>
                  {order.supplier.email} is emailed the purchase order with its PDF. It can be cancelled afterwards until goods arrive.
                </p>
              </ConfirmButton>
            ) : null}
            {can.cancel ? (
              <ConfirmButton
                label="Cancel the purchase order"
                destructive
                title={`Cancel ${order.number}?`}
                confirmLabel="Cancel the purchase order"
                cancelLabel="Keep it"
                fields={['reason']}
                onConfirm={async ({ reason }) => {
                  const text = (reason ?? '').trim();
                  const cancelled = await call(api.staffApi.POST('/api/v1/purchase-orders/{id}/cancel', { params: { path: { id: order.id } }, body: text ? { reason: text } : {} }));
                  changed(cancelled, `${order.number} is cancelled. Its SKUs can be reordered again.`);
                }}
              >
                <p>Nothing has been received on it. This cannot be undone; its SKUs become free for the automatic reorder run.</p>
                <Field label="Reason (optional)" name="reason" maxLength={1000} />
              </ConfirmButton>
            ) : null}
          </div>
        </Section>
      ) : null}

      {canWrite && can.receive ? (
        <Section title="Receive goods">
          <ReceiveForm key={order.updated_at} po={order} onReceived={(next, units) => changed(next, `Received ${countOf(units, 'unit')}.`)} />
        </Section>
      ) : null}
    </PageMain>
  );
}
