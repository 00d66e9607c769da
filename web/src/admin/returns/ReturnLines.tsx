/** A return's lines: what was asked back and why, what arrived in which condition, and the stock it goes back to. */
import type { AdminReturn, AdminReturnPolicy } from '../../api/index.js';
import { formatMoney } from '../../shared/format.js';
import { DataTable, Section, type Column } from '../ui/index.js';

type Line = AdminReturn['lines'][number] & { index: number };

export function ReturnLines({ ret, stock, reasons }: { ret: AdminReturn; stock: Map<string, number>; reasons: AdminReturnPolicy['reasons'] }) {
  const reasonLabel = (code: string) => reasons.find((r) => r.code === code)?.label ?? code.replaceAll('_', ' ');
  const columns: Column<Line>[] = [
    { key: 'sku', header: 'SKU', rowHeader: true, cell: (l) => l.sku },
    { key: 'name', header: 'Product', cell: (l) => l.name },
    { key: 'qty', header: 'Asked back', align: 'end', cell: (l) => l.quantity },
    { key: 'reason', header: 'Reason', cell: (l) => reasonLabel(l.reason) },
    { key: 'exchange', header: 'Exchange for', cell: (l) => l.exchange_sku ?? <span className="muted">—</span> },
    { key: 'price', header: 'Unit price', align: 'end', cell: (l) => formatMoney(l.unit_price, ret.currency) },
    { key: 'received', header: 'Received', align: 'end', cell: (l) => l.quantity_received },
    { key: 'resellable', header: 'Resellable', align: 'end', cell: (l) => l.quantity_resellable },
    { key: 'damaged', header: 'Damaged', align: 'end', cell: (l) => l.quantity_damaged },
    {
      key: 'stock',
      header: ret.warehouse ? `On hand at ${ret.warehouse}` : 'On hand (all warehouses)',
      align: 'end',
      cell: (l) => {
        const units = stock.get(l.sku);
        return units === undefined ? <span className="muted">—</span> : <span data-testid={`stock-${l.sku}`}>{units}</span>;
      },
    },
  ];
  return (
    <Section title="Lines">
      <DataTable caption="Lines of the return" captionHidden columns={columns} rows={ret.lines.map((l, index) => ({ ...l, index }))} rowKey={(l) => String(l.index)} />
    </Section>
  );
}
