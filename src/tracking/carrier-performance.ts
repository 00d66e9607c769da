/**
 * Carrier performance from shipments that left: on-time rate (delivered by the ETA promised when the
 * label was bought), mean and p90 days in transit (first scan to delivery), and the share with an
 * exception, failed attempt or return — per carrier, per carrier and service, and per lane (origin
 * region → destination region). Pure.
 */

export interface PerformanceInput {
  carrier: string;
  service: string;
  /** `US-NV`, or the country alone when there is no region. */
  originRegion: string;
  destinationRegion: string;
  shippedAt: string;
  deliveredAt: string | null;
  promisedDelivery: string | null;
  hadIncident: boolean;
}

export interface PerformanceRow {
  carrier: string;
  service: string | null;
  lane: string | null;
  shipments: number;
  delivered: number;
  /** Share of delivered shipments that had a promise and kept it; null when none had one. */
  on_time_rate: number | null;
  mean_transit_days: number | null;
  p90_transit_days: number | null;
  exception_rate: number;
}

const DAY_MS = 86_400_000;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function summarize(carrier: string, service: string | null, lane: string | null, group: readonly PerformanceInput[]): PerformanceRow {
  const delivered = group.filter((s) => s.deliveredAt !== null);
  const promised = delivered.filter((s) => s.promisedDelivery !== null);
  const onTime = promised.filter((s) => s.deliveredAt! <= s.promisedDelivery!);
  const transit = delivered.map((s) => (Date.parse(s.deliveredAt!) - Date.parse(s.shippedAt)) / DAY_MS).sort((a, b) => a - b);
  return {
    carrier,
    service,
    lane,
    shipments: group.length,
    delivered: delivered.length,
    on_time_rate: promised.length === 0 ? null : round(onTime.length / promised.length, 4),
    mean_transit_days: transit.length === 0 ? null : round(transit.reduce((a, b) => a + b, 0) / transit.length, 2),
    p90_transit_days: transit.length === 0 ? null : round(percentile(transit, 90)!, 2),
    exception_rate: group.length === 0 ? 0 : round(group.filter((s) => s.hadIncident).length / group.length, 4),
  };
}

function grouped(rows: readonly PerformanceInput[], key: (r: PerformanceInput) => string): Map<string, PerformanceInput[]> {
  const groups = new Map<string, PerformanceInput[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

export const laneOf = (r: Pick<PerformanceInput, 'originRegion' | 'destinationRegion'>) => `${r.originRegion} → ${r.destinationRegion}`;

export function carrierPerformance(rows: readonly PerformanceInput[]): { carriers: PerformanceRow[]; services: PerformanceRow[]; lanes: PerformanceRow[] } {
  return {
    carriers: [...grouped(rows, (r) => r.carrier)].map(([, g]) => summarize(g[0]!.carrier, null, null, g)),
    services: [...grouped(rows, (r) => `${r.carrier}\u0000${r.service}`)].map(([, g]) => summarize(g[0]!.carrier, g[0]!.service, null, g)),
    lanes: [...grouped(rows, (r) => `${r.carrier}\u0000${r.service}\u0000${laneOf(r)}`)].map(([, g]) => summarize(g[0]!.carrier, g[0]!.service, laneOf(g[0]!), g)),
  };
}
