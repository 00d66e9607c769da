/**
 * A data table with a caption, inside the scrolling wrapper (TableScroll). Columns say how to draw
 * each cell; the `rowHeader` column is the row's `<th scope="row">` (what a screen reader reads
 * out as the row's name, e.g. the order number).
 *
 *   <DataTable
 *     caption="Orders"
 *     rows={orders}
 *     rowKey={(o) => o.id}
 *     empty="No orders match these filters."
 *     columns={[
 *       { key: 'number', header: 'Order', rowHeader: true, cell: (o) => <Link to={…}>{o.number}</Link> },
 *       { key: 'total', header: 'Total', align: 'end', cell: (o) => formatMoney(o.total, o.currency) },
 *     ]}
 *   />
 */
import { useId, type ReactNode } from 'react';
import { TableScroll } from './TableScroll.js';

export interface Column<Row> {
  /** Unique among the columns (React key). */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** 'end' for numbers and money. */
  align?: 'start' | 'end';
  /** This column's cell is the row's header (`<th scope="row">`). One column at most. */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  /** The table's name: shown above it (or only to screen readers with `captionHidden`). */
  caption: ReactNode;
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in the table's body when there are no rows. */
  empty?: ReactNode;
  /** Extra attributes per row (data-testid, aria-current…). */
  rowProps?: (row: Row) => Record<string, string | undefined>;
}

export function DataTable<Row>({ caption, captionHidden = false, columns, rows, rowKey, empty = 'Nothing to show.', rowProps }: DataTableProps<Row>) {
  const captionId = useId();
  const alignClass = (c: Column<Row>) => (c.align === 'end' ? 'num' : undefined);
  return (
    <TableScroll labelledBy={captionId}>
      <table className="data-table">
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={alignClass(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} {...rowProps?.(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" className={alignClass(c)}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={alignClass(c)}>
                      {c.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
