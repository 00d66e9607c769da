/**
 * How the carriers do (GET /api/v1/analytics/carriers, the server's default period): on-time rate as
 * a chart, and every figure per carrier in a table (shipments, delivered, transit days, exceptions).
 */
import type { CarrierPerformance as Performance, CarrierPerformanceRow } from '../../api/index.js';
import { formatDay } from '../../shared/format.js';
import { DataTable, HorizontalBarChart, type Column } from '../ui/index.js';
import { onTimePoints, percent } from './dashboard-series.js';

const days = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)} d`);

const columns: readonly Column<CarrierPerformanceRow>[] = [
  { key: 'carrier', header: 'Carrier', rowHeader: true, cell: (c) => c.carrier },
  { key: 'shipments', header: 'Shipments', align: 'end', cell: (c) => c.shipments },
  { key: 'delivered', header: 'Delivered', align: 'end', cell: (c) => c.delivered },
  { key: 'on_time', header: 'On time', align: 'end', cell: (c) => (c.on_time_rate === null ? '—' : percent(c.on_time_rate)) },
  { key: 'mean', header: 'Mean transit', align: 'end', cell: (c) => days(c.mean_transit_days) },
  { key: 'p90', header: '90th percentile', align: 'end', cell: (c) => days(c.p90_transit_days) },
  { key: 'exceptions', header: 'Exceptions', align: 'end', cell: (c) => percent(c.exception_rate) },
];

export function CarrierPerformance({ performance }: { performance: Performance }) {
  const period = `${formatDay(performance.from)} to ${formatDay(performance.to)}`;
  if (performance.carriers.length === 0) return <p className="muted">No shipment left between {period}: nothing to measure yet.</p>;
  const points = onTimePoints(performance.carriers);
  const measured = points.filter((p) => p.value !== null);
  return (
    <>
      <HorizontalBarChart
        title="On-time delivery by carrier"
        labelName="Carrier"
        valueName="On time"
        max={1}
        formatValue={percent}
        points={points}
        summary={measured.length === 0 ? 'No parcel delivered yet, so no on-time rate.' : measured.map((p) => `${p.label} ${percent(p.value!)}`).join(', ') + ' on time.'}
      />
      <DataTable caption={`Carrier figures, ${period}`} columns={columns} rows={performance.carriers} rowKey={(c) => c.carrier} />
    </>
  );
}
