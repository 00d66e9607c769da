/**
 * /admin/orders: every order, newest first, with filters kept in the address (status, a search by
 * number, email or name, attention only, created between two days), paged by next_cursor, and
 * live: a change on the staff stream reloads the page shown (at most every 5 s).
 */
import { Link } from 'react-router-dom';
import { api, call, type AdminOrder } from '../../api/index.js';
import { CheckboxField, Field, SelectField } from '../../shared/fields.js';
import { formatMoment, formatMoney, statusLabel } from '../../shared/format.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { DataTable, FiltersBar, LiveIndicator, LoadView, Pager, StatusPill, useCursorPager, useLiveRefresh, useUrlFilters, type Column } from '../ui/index.js';
import { attentionText } from './attention.js';
import { ORDER_FILTER_KEYS, ordersQuery } from './order-filters.js';
import { orderStatuses } from './order-statuses.js';

const PAGE_SIZE = 25;

const columns: readonly Column<AdminOrder>[] = [
  { key: 'number', header: 'Order', rowHeader: true, cell: (o) => <Link to={`/admin/orders/${o.id}`}>{o.number}</Link> },
  {
    key: 'customer',
    header: 'Customer',
    cell: (o) => (
      <>
        {o.customer.name}
        <br />
        <span className="muted">{o.customer.email}</span>
      </>
    ),
  },
  { key: 'status', header: 'Status', cell: (o) => <StatusPill status={o.status} /> },
  { key: 'total', header: 'Total', align: 'end', cell: (o) => formatMoney(o.total, o.currency) },
  { key: 'created', header: 'Created', cell: (o) => formatMoment(o.created_at) },
  { key: 'attention', header: 'Attention', cell: (o) => (o.attention ? <span className="attention-text">{attentionText(o.attention)}</span> : <span className="muted">—</span>) },
];

export function OrdersListPage() {
  usePageTitle('Orders', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const filters = useUrlFilters(ORDER_FILTER_KEYS);
  const pager = useCursorPager(filters.key);
  const query = ordersQuery(filters.values);
  const orders = useLoad(
    () => call(api.staffApi.GET('/api/v1/orders', { params: { query: { ...query, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    [filters.key, pager.cursor],
    signedOut,
  );
  const live = useLiveRefresh(orders.reload);
  const { values } = filters;

  return (
    <PageMain title="Orders">
      <div className="page-tools">
        <p className="muted">Newest first. Search finds an order by its number, the customer’s email or name.</p>
        <LiveIndicator state={live} />
      </div>
      <FiltersBar
        label="Filter orders"
        resetKey={filters.key}
        active={filters.active}
        onApply={(f) => filters.set({ status: f.status, q: f.q, attention: f.attention, from: f.from, to: f.to })}
        onClear={filters.clear}
      >
        <SelectField label="Status" name="status" defaultValue={values.status} options={[{ value: '', label: 'Any status' }, ...orderStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]} />
        <Field label="Search" name="q" type="search" defaultValue={values.q} placeholder="W-000123, email or name" />
        <Field label="Created from" name="from" type="date" defaultValue={values.from} />
        <Field label="Created to" name="to" type="date" defaultValue={values.to} />
        <CheckboxField label="Needs attention only" name="attention" value="true" defaultChecked={values.attention === 'true'} />
      </FiltersBar>
      <LoadView loaded={orders} what="the orders">
        {(page) => (
          <>
            <DataTable
              caption={filters.active > 0 ? `Orders matching the filters (page ${pager.page})` : `All orders (page ${pager.page})`}
              columns={columns}
              rows={page.data}
              rowKey={(o) => o.id}
              empty={filters.active > 0 ? 'No orders match these filters.' : 'No orders yet.'}
            />
            <Pager label="Pages of orders" pager={pager} nextCursor={page.next_cursor} busy={orders.loading} />
          </>
        )}
      </LoadView>
    </PageMain>
  );
}
