/** The order's lines: what was ordered and what became of each unit (shipped, cancelled, returned, backordered). */
import type { AdminOrder, AdminOrderLine } from '../../api/index.js';
import { formatDay, formatMoney } from '../../shared/format.js';
import { DataTable, Section, type Column } from '../ui/index.js';

/** A line and its place in the order (an order may list a SKU twice). */
type Line = AdminOrderLine & { index: number };

export function OrderLines({ order }: { order: AdminOrder }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const count = (n: number) => (n === 0 ? <span className="muted">0</span> : n);
  const columns: Column<Line>[] = [
    { key: 'sku', header: 'SKU', rowHeader: true, cell: (l) => l.sku },
    { key: 'name', header: 'Product', cell: (l) => l.name },
    { key: 'qty', header: 'Ordered', align: 'end', cell: (l) => l.quantity },
    { key: 'price', header: 'Unit price', align: 'end', cell: (l) => money(l.unit_price) },
    { key: 'shipped', header: 'Shipped', align: 'end', cell: (l) => count(l.quantity_shipped) },
    { key: 'cancelled', header: 'Cancelled', align: 'end', cell: (l) => count(l.quantity_cancelled) },
    { key: 'returned', header: 'Returned', align: 'end', cell: (l) => count(l.quantity_returned) },
    {
      key: 'backordered',
      header: 'Backordered',
      align: 'end',
      cell: (l) =>
        l.quantity_backordered === 0 ? (
          <span className="muted">0</span>
        ) : (
          <>
            {l.quantity_backordered}
            {l.backorder_expected_at ? <span className="muted"> (expected {formatDay(l.backorder_expected_at)})</span> : null}
          </>
        ),
    },
    { key: 'total', header: 'Line total', align: 'end', cell: (l) => money(l.unit_price * l.quantity) },
  ];
  return (
    <Section title="Lines">
      <DataTable caption={`Lines of order ${order.number}`} captionHidden columns={columns} rows={order.lines.map((l, index) => ({ ...l, index }))} rowKey={(l) => `${l.index}`} />
    </Section>
  );
}
