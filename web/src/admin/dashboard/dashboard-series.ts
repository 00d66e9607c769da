/**
 * The dashboard's figures turned into chart points: orders per day, revenue per day per currency
 * (the currencies that took most first), and the carriers' on-time rates. Pure.
 */
import type { AnalyticsOverview, CarrierPerformanceRow } from '../../api/index.js';
import { formatDay } from '../../shared/format.js';
import type { ChartPoint } from '../ui/charts/chart-scale.js';

type Day = AnalyticsOverview['days'][number];

/** "Nov 22" for the axis (UTC, like the days themselves). */
export function shortDay(date: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function orderPoints(days: readonly Day[]): ChartPoint[] {
  return days.map((d) => ({ label: formatDay(d.date), short: shortDay(d.date), value: d.orders }));
}

export interface CurrencySeries {
  currency: string;
  total: number;
  points: ChartPoint[];
}

/** One series per currency that took money in the period, the biggest first. */
export function revenueSeries(days: readonly Day[]): CurrencySeries[] {
  const currencies = new Map<string, number>();
  for (const d of days) for (const r of d.revenue) currencies.set(r.currency, (currencies.get(r.currency) ?? 0) + r.amount);
  return [...currencies]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([currency, total]) => ({
      currency,
      total,
      points: days.map((d) => ({ label: formatDay(d.date), short: shortDay(d.date), value: d.revenue.find((r) => r.currency === currency)?.amount ?? 0 })),
    }));
}

export function onTimePoints(carriers: readonly CarrierPerformanceRow[]): ChartPoint[] {
  return [...carriers].sort((a, b) => a.carrier.localeCompare(b.carrier)).map((c) => ({ label: c.carrier, value: c.on_time_rate }));
}

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;
