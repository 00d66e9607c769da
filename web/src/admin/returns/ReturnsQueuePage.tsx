/**
 * /admin/returns: the returns queue, newest first, filtered by status (kept in the address, so
 * "requested" is a link to bookmark), paged, live (return changes on the staff stream reload it).
 */
import { Link } from 'react-router-dom';
import { api, call, type AdminReturn, type AdminReturnStatus } from '../../api/index.js';
import { SelectField } from '../../shared/fields.js';
import { formatMoment, formatMoney } from '../../shared/format.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { DataTable, FiltersBar, LiveIndicator, LoadView, Pager, StatusPill, useCursorPager, useLiveRefresh, useUrlFilters, type Column } from '../ui/index.js';
import { returnStatuses, returnStatusLabel } from './return-words.js';

const PAGE_SIZE = 25;
const KEYS = ['status'] as const;

const columns: readonly Column<AdminReturn>[] = [
  { key: 'return', header: 'Return', rowHeader: true, cell: (r) => <Link to={`/admin/returns/${r.id}`}>Return for {r.order_number}</Link> },
  { key: 'status', header: 'Status', cell: (r) => <StatusPill status={r.status} label={returnStatusLabel(r.status)} /> },
  { key: 'units', header: 'Units', cell: (r) => r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ') },
  { key: 'refund', header: 'Refund', align: 'end', cell: (r) => formatMoney(r.refund_amount, r.currency) },
  { key: 'by', header: 'Asked by', cell: (r) => (r.requested_by === 'staff' ? 'Staff' : 'Customer') },
  { key: 'created', header: 'Asked', cell: (r) => formatMoment(r.created_at) },
  { key: 'order', header: 'Order', cell: (r) => <Link to={`/admin/orders/${r.order_id}`}>{r.order_number}</Link> },
];

export function ReturnsQueuePage() {
  usePageTitle('Returns', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const filters = useUrlFilters(KEYS);
  const pager = useCursorPager(filters.key);
  const status = (returnStatuses as readonly string[]).includes(filters.values.status) ? (filters.values.status as AdminReturnStatus) : undefined;
  const returns = useLoad(
    () => call(api.staffApi.GET('/api/v1/returns', { params: { query: { status, limit: PAGE_SIZE, cursor: pager.cursor } } })),
    [filters.key, pager.cursor],
    signedOut,
  );
  const live = useLiveRefresh(returns.reload, { filter: (c) => c.type.startsWith('return.') });

  return (
    <PageMain title="Returns">
      <div className="page-tools">
        <p className="muted">Newest first. Open a return to approve, receive or refund it.</p>
        <LiveIndicator state={live} />
      </div>
      <FiltersBar label="Filter returns" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set({ status: f.status })} onClear={filters.clear}>
        <SelectField label="Status" name="status" defaultValue={filters.values.status} options={[{ value: '', label: 'Any status' }, ...returnStatuses.map((s) => ({ value: s, label: returnStatusLabel(s) }))]} />
      </FiltersBar>
      <LoadView loaded={returns} what="the returns">
        {(page) => (
          <>
            <DataTable
              caption={status ? `Returns: ${returnStatusLabel(status).toLowerCase()} (page ${pager.page})` : `All returns (page ${pager.page})`}
              columns={columns}
              rows={page.data}
              rowKey={(r) => r.id}
              empty={status ? 'No return has this status.' : 'No returns yet.'}
            />
            <Pager label="Pages of returns" pager={pager} nextCursor={page.next_cursor} busy={returns.loading} />
          </>
        )}
      </LoadView>
    </PageMain>
  );
}
