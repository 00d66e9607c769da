/**
 * The frame of every chart: a <figure> with its title as <figcaption>, the SVG (role="img", named
 * with the title and a one-sentence summary) and the same figures as a table under "Show as a
 * table" (or always shown with `tableShown`): the chart's text alternative.
 */
import type { ReactNode } from 'react';
import { DataTable } from '../DataTable.js';
import type { ChartPoint } from './chart-scale.js';

export type { ChartPoint } from './chart-scale.js';

export interface ChartProps {
  /** The chart's title; also the table's caption and the start of the SVG's name. */
  title: string;
  points: readonly ChartPoint[];
  /** The table's header for the values ("Orders"). */
  valueName: string;
  /** The table's header for the labels ("Day"). */
  labelName?: string;
  formatValue?: (value: number) => string;
  /** One sentence for screen readers (default: the highest and lowest points). */
  summary?: string;
  /** Show the table beside the chart instead of behind "Show as a table". */
  tableShown?: boolean;
}

const plain = (value: number) => new Intl.NumberFormat().format(value);

/** The default summary: where the highest and the lowest points are. */
export function summaryOf(points: readonly ChartPoint[], format: (value: number) => string): string {
  const known = points.filter((p): p is ChartPoint & { value: number } => p.value !== null);
  if (known.length === 0) return 'No figures yet.';
  const top = known.reduce((a, b) => (b.value > a.value ? b : a));
  const bottom = known.reduce((a, b) => (b.value < a.value ? b : a));
  return `Highest ${format(top.value)} (${top.label}), lowest ${format(bottom.value)} (${bottom.label}).`;
}

export function ChartFigure({ props, children }: { props: ChartProps; children: (format: (value: number) => string) => ReactNode }) {
  const { title, points, valueName, labelName = 'Label', formatValue = plain, tableShown = false } = props;
  const table = (
    <DataTable
      caption={title}
      captionHidden={!tableShown}
      rows={points}
      rowKey={(p) => p.label}
      columns={[
        { key: 'label', header: labelName, rowHeader: true, cell: (p) => p.label },
        { key: 'value', header: valueName, align: 'end', cell: (p) => (p.value === null ? '—' : formatValue(p.value)) },
      ]}
    />
  );
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      {children(formatValue)}
      {tableShown ? (
        table
      ) : (
        <details className="chart-table">
          <summary>
            Show as a table<span className="visually-hidden"> ({title})</span>
          </summary>
          {table}
        </details>
      )}
    </figure>
  );
}

export { plain as formatPlain };
