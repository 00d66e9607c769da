/**
 * Stock per SKU and warehouse: what is there, promised, free, when it is reordered, what demand
 * suggests, what is on its way and how long it lasts. Each row's "Manage" opens its panel above
 * the table (adjust, count, reorder policy, ledger), which keeps the table narrow.
 */
import type { StockRow } from '../../api/index.js';
import { coverLabel, isLow } from './stock-words.js';
import { DataTable, StatusPill } from '../ui/index.js';

export type StockAction = 'adjust' | 'count' | 'policy' | 'ledger';

export interface StockTableProps {
  rows: readonly StockRow[];
  /** The row whose panel is open, to mark its button. */
  open: { sku: string; warehouse: string } | null;
  onManage(row: StockRow): void;
  empty: string;
}

export function stockRowKey(row: Pick<StockRow, 'sku' | 'warehouse'>): string {
  return `${row.sku}@${row.warehouse}`;
}

export function StockTable({ rows, open, onManage, empty }: StockTableProps) {
  const n = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString());
  return (
    <DataTable<StockRow>
      caption="Stock"
      captionHidden
      rows={rows}
      rowKey={stockRowKey}
      empty={empty}
      rowProps={(row) => ({ 'data-testid': `stock-row-${stockRowKey(row)}`, 'data-low': isLow(row) ? 'true' : undefined })}
      columns={[
        {
          key: 'sku',
          header: 'SKU and warehouse',
          rowHeader: true,
          cell: (row) => (
            <>
              {row.sku}
              <span className="ops-sub">at {row.warehouse}</span>
              {isLow(row) ? (
                <span className="ops-sub">
                  <StatusPill status="low_stock" label="Low stock" tone="warning" />
                </span>
              ) : null}
            </>
          ),
        },
        { key: 'on_hand', header: 'On hand', align: 'end', cell: (row) => <span data-field="on_hand">{n(row.on_hand)}</span> },
        { key: 'reserved', header: 'Reserved', align: 'end', cell: (row) => n(row.reserved) },
        { key: 'available', header: 'Available', align: 'end', cell: (row) => <span data-field="available">{n(row.available)}</span> },
        { key: 'reorder_point', header: 'Reorder point', align: 'end', cell: (row) => <span data-field="reorder_point">{row.reorder_managed ? n(row.reorder_point) : <Absent words="not reordered" />}</span> },
        { key: 'suggested', header: 'Suggested', align: 'end', cell: (row) => n(row.suggested_reorder_quantity) },
        { key: 'on_order', header: 'On order', align: 'end', cell: (row) => n(row.on_order) },
        { key: 'cover', header: 'Days of cover', align: 'end', cell: (row) => (row.days_of_cover === null || row.days_of_cover === undefined ? <Absent words="no recent sales" /> : coverLabel(row.days_of_cover)) },
        {
          key: 'actions',
          header: 'Actions',
          cell: (row) => (
            <button
              type="button"
              className="button button-small"
              aria-expanded={open !== null && open.sku === row.sku && open.warehouse === row.warehouse}
              aria-label={`Manage ${row.sku} at ${row.warehouse}`}
              onClick={() => onManage(row)}
            >
              Manage
            </button>
          ),
        },
      ]}
    />
  );
}

/** A dash that says what it stands for to screen readers (the legend under the table says it to everyone). */
function Absent({ words }: { words: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{words}</span>
    </>
  );
}
