/**
 * /admin/inventory: stock per SKU and warehouse (GET /inventory) with the low-stock view
 * (`below_reorder_point=true`), filters by SKU and warehouse kept in the address, and per row: an
 * adjustment, a stock count, the reorder policy and the movement ledger. Live: orders reserve and
 * ship stock, so order and shipment changes on the staff stream reload the table (throttled).
 */
import { useCallback, useState } from 'react';
import { api, call, type StockRow } from '../../api/index.js';
import { CheckboxField, Field, SelectField } from '../../shared/fields.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { AddStockForm } from './AddStockForm.js';
import { signed } from './stock-words.js';
import { stockActions, StockPanel } from './StockPanel.js';
import { StockTable, type StockAction } from './StockTable.js';
import '../operations.css';
import { FiltersBar, LiveIndicator, LoadView, Pager, ReadOnlyNote, Section, useCanWrite, useCursorPager, useLiveRefresh, useUrlFilters } from '../ui/index.js';

const FILTERS = ['sku', 'warehouse', 'low'] as const;
type Open = { sku: string; warehouse: string; action: StockAction };

export function InventoryPage() {
  usePageTitle('Inventory', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const canWrite = useCanWrite();
  const filters = useUrlFilters(FILTERS);
  const pager = useCursorPager(filters.key);
  const { sku, warehouse, low } = filters.values;
  const stock = useLoad(
    () =>
      call(
        api.staffApi.GET('/api/v1/inventory', {
          params: { query: { ...(sku ? { sku } : {}), ...(warehouse ? { warehouse } : {}), ...(low === 'true' ? { below_reorder_point: true } : {}), limit: 50, cursor: pager.cursor } },
        }),
      ),
    [filters.key, pager.cursor],
    signedOut,
  );
  const warehouses = useLoad(() => call(api.staffApi.GET('/api/v1/warehouses')), [], signedOut);
  const live = useLiveRefresh(stock.reload, { filter: (c) => c.type.startsWith('order.') || c.type.startsWith('shipment.') || c.type.startsWith('return.') });
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [ledgerRound, setLedgerRound] = useState(0);

  const rows = stock.data?.data ?? [];
  const openRow = open ? rows.find((r) => r.sku === open.sku && r.warehouse === open.warehouse) ?? null : null;

  /** A change's answer replaces its row at once (keeping the demand figures only GET /inventory has), then the list reloads. */
  const changed = useCallback(
    (answer: StockRow, message: string) => {
      if (stock.data) {
        stock.setData({ ...stock.data, data: stock.data.data.map((r) => (r.sku === answer.sku && r.warehouse === answer.warehouse ? { ...r, ...answer } : r)) });
      }
      setDone(message);
      setOpen(null);
      setLedgerRound((n) => n + 1);
      stock.reload();
    },
    [stock],
  );

  function onManage(row: StockRow) {
    setDone(null);
    setOpen(open && open.sku === row.sku && open.warehouse === row.warehouse ? null : { sku: row.sku, warehouse: row.warehouse, action: stockActions(canWrite)[0]! });
  }

  const warehouseOptions = [{ value: '', label: 'All warehouses' }, ...(warehouses.data?.data ?? []).map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))];
  const filtered = filters.active > 0;

  return (
    <PageMain title="Inventory">
      <div className="ops-toolbar">
        <p className="ops-lead">Available is on hand less what is reserved for orders. A pair at or below its reorder point is low stock: a purchase order is raised for it.</p>
        <LiveIndicator state={live} />
      </div>
      {!canWrite ? <ReadOnlyNote /> : null}

      <FiltersBar label="Filter stock" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set(f)} onClear={filters.clear}>
        <Field label="SKU" name="sku" defaultValue={sku} autoComplete="off" spellCheck={false} hint="The exact SKU." />
        <SelectField label="Warehouse" name="warehouse" defaultValue={warehouse} options={warehouseOptions} />
        <CheckboxField label="Low stock only" name="low" value="true" defaultChecked={low === 'true'} />
      </FiltersBar>

      {done ? <Notice tone="success">{done}</Notice> : null}

      {canWrite && warehouses.data && warehouses.data.data.length > 0 ? (
        <details className="ops-disclosure">
          <summary>Add stock for a SKU</summary>
          <AddStockForm key={done ?? 'new'} warehouses={warehouses.data.data} onDone={(r, delta) => changed(r, `${signed(delta)} ${r.sku} at ${r.warehouse}: ${r.on_hand.toLocaleString()} on hand, ${r.available.toLocaleString()} available.`)} />
        </details>
      ) : null}

      {open && openRow ? (
        <StockPanel
          row={openRow}
          action={open.action}
          canWrite={canWrite}
          ledgerRound={ledgerRound}
          onAction={(action) => setOpen({ ...open, action })}
          onAdjusted={(r, delta) => changed(r, `${signed(delta)} ${r.sku} at ${r.warehouse}: ${r.on_hand.toLocaleString()} on hand, ${r.available.toLocaleString()} available.`)}
          onCounted={(r) => changed(r, `Counted ${r.sku} at ${r.warehouse}: ${r.on_hand.toLocaleString()} on hand, ${r.available.toLocaleString()} available.`)}
          onPolicyChanged={stock.reload}
          onClose={() => setOpen(null)}
        />
      ) : null}

      <Section title="Stock levels">
        <LoadView loaded={stock} what="the stock">
          {(page) => (
            <>
              <StockTable
                rows={page.data}
                open={open}
                onManage={onManage}
                empty={filtered ? (low === 'true' ? 'Nothing is low on stock with these filters.' : 'No stock matches these filters.') : 'No stock yet: stock appears once units are added to a product at a warehouse.'}
              />
              <p className="muted ops-legend">— under Reorder point: never reordered (the product’s point is 0). — under Days of cover: nothing sold lately.</p>
              <Pager label="Pages of stock" pager={pager} nextCursor={page.next_cursor} busy={stock.loading} />
            </>
          )}
        </LoadView>
      </Section>
    </PageMain>
  );
}
