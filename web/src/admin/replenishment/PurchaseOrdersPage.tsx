/**
 * /admin/purchase-orders: purchase orders, newest first (GET /purchase-orders), filtered by status,
 * supplier and warehouse in the address; operators raise one by hand here and land on it.
 */
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type PurchaseOrder } from '../../api/index.js';
import { SelectField } from '../../shared/fields.js';
import { formatDay } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { PurchaseOrderForm } from './PurchaseOrderForm.js';
import { PurchaseOrderStatusPill } from './PurchaseOrderStatusPill.js';
import { purchaseOrderStatuses, purchaseOrderStatusLabel, totalUnits } from './purchase-order-words.js';
import '../operations.css';
import { countOf, DataTable, FiltersBar, LoadView, Pager, ReadOnlyNote, Section, useCanWrite, useCursorPager, useUrlFilters } from '../ui/index.js';

const FILTERS = ['status', 'supplier_id', 'warehouse'] as const;

export function PurchaseOrdersPage() {
  usePageTitle('Purchase orders', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const navigate = useNavigate();
  const filters = useUrlFilters(FILTERS);
  const pager = useCursorPager(filters.key);
  const { status, supplier_id, warehouse } = filters.values;
  const orders = useLoad(
    () =>
      call(
        api.staffApi.GET('/api/v1/purchase-orders', {
          params: {
            query: {
              ...(status ? { status: status as PurchaseOrder['status'] } : {}),
              ...(supplier_id ? { supplier_id } : {}),
              ...(warehouse ? { warehouse } : {}),
              limit: 50,
              cursor: pager.cursor,
            },
          },
        }),
      ),
    [filters.key, pager.cursor],
    signedOut,
  );
  // The choices of the filters and of the form. 200 suppliers and products cover a shop's picker; more can be typed.
  const suppliers = useLoad(() => call(api.staffApi.GET('/api/v1/suppliers', { params: { query: { limit: 200 } } })), [], signedOut);
  const warehouses = useLoad(() => call(api.staffApi.GET('/api/v1/warehouses')), [], signedOut);
  const products = useLoad(() => call(api.staffApi.GET('/api/v1/products', { params: { query: { limit: 200 } } })), [], signedOut);

  const supplierList = suppliers.data?.data ?? [];
  const warehouseList = warehouses.data?.data ?? [];
  const filtered = filters.active > 0;

  return (
    <PageMain title="Purchase orders">
      <p className="ops-lead">Purchase orders are raised at the reorder point by themselves, or by hand here. Receiving one puts its units on hand at its warehouse.</p>
      {!canWrite ? <ReadOnlyNote /> : null}

      {canWrite ? (
        <details className="ops-disclosure">
          <summary>Raise a purchase order</summary>
          {suppliers.data === null || warehouses.data === null ? (
            <Notice busy>Loading suppliers and warehouses…</Notice>
          ) : supplierList.length === 0 ? (
            <p>
              Add a supplier first: <Link to="/admin/suppliers">Suppliers</Link>.
            </p>
          ) : warehouseList.length === 0 ? (
            <p>There is no warehouse to deliver to yet.</p>
          ) : (
            <PurchaseOrderForm suppliers={supplierList} warehouses={warehouseList} products={products.data?.data ?? []} onCreated={(po) => navigate(`/admin/purchase-orders/${po.id}`, { state: { created: true } })} />
          )}
        </details>
      ) : null}

      <FiltersBar label="Filter purchase orders" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set(f)} onClear={filters.clear}>
        <SelectField label="Status" name="status" defaultValue={status} options={[{ value: '', label: 'Any status' }, ...purchaseOrderStatuses.map((s) => ({ value: s, label: purchaseOrderStatusLabel(s) }))]} />
        <SelectField label="Supplier" name="supplier_id" defaultValue={supplier_id} options={[{ value: '', label: 'Any supplier' }, ...supplierList.map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectField label="Warehouse" name="warehouse" defaultValue={warehouse} options={[{ value: '', label: 'Any warehouse' }, ...warehouseList.map((w) => ({ value: w.code, label: w.code }))]} />
      </FiltersBar>

      <Section title="All purchase orders">
        <LoadView loaded={orders} what="the purchase orders">
          {(page) => (
            <>
              <DataTable<PurchaseOrder>
                caption="Purchase orders"
                rows={page.data}
                rowKey={(po) => po.id}
                empty={filtered ? 'No purchase orders match these filters.' : 'No purchase orders yet.'}
                columns={[
                  {
                    key: 'number',
                    header: 'Number',
                    rowHeader: true,
                    cell: (po) => (
                      <>
                        <Link to={`/admin/purchase-orders/${po.id}`}>{po.number}</Link>
                        <span className="ops-sub">created {formatDay(po.created_at)}</span>
                      </>
                    ),
                  },
                  { key: 'status', header: 'Status', cell: (po) => <PurchaseOrderStatusPill status={po.status} /> },
                  { key: 'supplier', header: 'Supplier', cell: (po) => po.supplier.name },
                  { key: 'warehouse', header: 'Warehouse', cell: (po) => po.warehouse },
                  {
                    key: 'units',
                    header: 'Units received',
                    align: 'end',
                    cell: (po) => {
                      const t = totalUnits(po);
                      return `${t.received.toLocaleString()} of ${countOf(t.ordered, 'unit')}`;
                    },
                  },
                  { key: 'source', header: 'Raised', cell: (po) => (po.source === 'auto' ? 'At the reorder point' : 'By hand') },
                  { key: 'expected', header: 'Expected', cell: (po) => (po.expected_at ? formatDay(po.expected_at) : '—') },
                ]}
              />
              <Pager label="Pages of purchase orders" pager={pager} nextCursor={page.next_cursor} busy={orders.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
