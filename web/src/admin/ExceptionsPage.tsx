/**
 * /admin/exceptions: the work queue of things that need a person. Orders with attention (a
 * delivery problem, a failed capture or refund, a refused label…) and shipments with attention
 * (the same tracking incidents per parcel, return parcels included), each with its reason in words
 * and since when, oldest first (or grouped by reason), live from the staff stream.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type AdminOrder, type AdminShipment } from '../api/index.js';
import { SelectField } from '../shared/fields.js';
import { formatMoment } from '../shared/format.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useLoad } from '../shared/useLoad.js';
import { attentionReason, attentionText } from './orders/attention.js';
import { useStaffSession } from './session.js';
import { allPages, DataTable, durationSince, LiveIndicator, LoadView, Section, StatusPill, useLiveRefresh, type Column } from './ui/index.js';

type Sort = 'oldest' | 'reason';

interface Queue {
  orders: AdminOrder[];
  shipments: AdminShipment[];
  truncated: boolean;
  /** When the queue was read (for "for 3 h"). */
  at: Date;
}

async function loadQueue(): Promise<Queue> {
  const [orders, shipments] = await Promise.all([
    allPages((cursor) => call(api.staffApi.GET('/api/v1/orders', { params: { query: { attention: true, limit: 200, cursor } } }))),
    allPages((cursor) => call(api.staffApi.GET('/api/v1/shipments', { params: { query: { attention: true, limit: 200, cursor } } }))),
  ]);
  return { orders: orders.rows, shipments: shipments.rows, truncated: orders.truncated || shipments.truncated, at: new Date() };
}

function sorted<T>(rows: readonly T[], sort: Sort, attentionOf: (row: T) => { reason: string; since: string } | null): T[] {
  const since = (row: T) => attentionOf(row)?.since ?? '';
  const reason = (row: T) => attentionReason(attentionOf(row)?.reason ?? '');
  return [...rows].sort((a, b) => (sort === 'reason' ? reason(a).localeCompare(reason(b)) : 0) || since(a).localeCompare(since(b)));
}

function Since({ iso, now }: { iso: string; now: Date }) {
  return (
    <>
      <time dateTime={iso}>{formatMoment(iso)}</time>
      <br />
      <span className="muted">for {durationSince(iso, now)}</span>
    </>
  );
}

export function ExceptionsPage() {
  usePageTitle('Exceptions', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const [params, setParams] = useSearchParams();
  const sort: Sort = params.get('sort') === 'reason' ? 'reason' : 'oldest';
  const queue = useLoad(loadQueue, [], signedOut);
  const live = useLiveRefresh(queue.reload);

  return (
    <PageMain title="Exceptions">
      <div className="page-tools">
        <p className="muted">Orders and shipments that need a person. They leave this queue once the cause is dealt with.</p>
        <LiveIndicator state={live} />
      </div>
      <div className="queue-sort">
        <SelectField
          label="Sort by"
          name="sort"
          value={sort}
          onChange={(event) => setParams(event.target.value === 'reason' ? { sort: 'reason' } : {})}
          options={[
            { value: 'oldest', label: 'Oldest first' },
            { value: 'reason', label: 'Reason, then oldest' },
          ]}
        />
      </div>
      <LoadView loaded={queue} what="the exceptions">
        {(q) => {
          const orderNumbers = new Map(q.orders.map((o) => [o.id, o.number]));
          const orderColumns: Column<AdminOrder>[] = [
            { key: 'order', header: 'Order', rowHeader: true, cell: (o) => <Link to={`/admin/orders/${o.id}`}>{o.number}</Link> },
            { key: 'reason', header: 'Reason', cell: (o) => <span className="attention-text">{o.attention ? attentionText(o.attention) : ''}</span> },
            { key: 'since', header: 'Since', cell: (o) => (o.attention ? <Since iso={o.attention.since} now={q.at} /> : null) },
            { key: 'status', header: 'Status', cell: (o) => <StatusPill status={o.status} /> },
            { key: 'customer', header: 'Customer', cell: (o) => o.customer.name },
          ];
          const shipmentColumns: Column<AdminShipment>[] = [
            {
              key: 'shipment',
              header: 'Shipment',
              rowHeader: true,
              cell: (s) => (
                <>
                  {s.carrier} {s.tracking_number ?? s.id}
                  {s.kind === 'return' ? <span className="muted"> (return parcel)</span> : null}
                </>
              ),
            },
            { key: 'reason', header: 'Reason', cell: (s) => <span className="attention-text">{s.attention ? attentionText(s.attention) : ''}</span> },
            { key: 'since', header: 'Since', cell: (s) => (s.attention ? <Since iso={s.attention.since} now={q.at} /> : null) },
            { key: 'status', header: 'Status', cell: (s) => <StatusPill status={s.status} /> },
            {
              key: 'order',
              header: 'Order',
              cell: (s) => <Link to={`/admin/orders/${s.order_id}`}>{orderNumbers.get(s.order_id) ?? `Order ${s.order_id}`}</Link>,
            },
          ];
          return (
            <>
              {q.truncated ? <p className="notice notice-warning">The queue is long: only its first rows are shown.</p> : null}
              <Section title={`Orders needing attention (${q.orders.length})`}>
                <DataTable
                  caption="Orders needing attention"
                  captionHidden
                  columns={orderColumns}
                  rows={sorted(q.orders, sort, (o) => o.attention)}
                  rowKey={(o) => o.id}
                  empty="No order needs attention. Nice."
                />
              </Section>
              <Section title={`Shipments needing attention (${q.shipments.length})`}>
                <DataTable
                  caption="Shipments needing attention"
                  captionHidden
                  columns={shipmentColumns}
                  rows={sorted(q.shipments, sort, (s) => s.attention)}
                  rowKey={(s) => s.id}
                  empty="No shipment needs attention."
                />
              </Section>
            </>
          );
        }}
      </LoadView>
    </PageMain>
  );
}
