/**
 * The dashboard's day series: one entry for every UTC day of the range, oldest first, zeros
 * included, from per-(day, currency) sums the database grouped. Pure: no I/O.
 */

/** What the database sums per UTC day and currency (overview.repository.ts). */
export interface DayCurrencyTotals {
  /** YYYY-MM-DD, UTC. */
  day: string;
  currency: string;
  /** Orders placed that day in that currency, whatever their status now. */
  orders: number;
  /** Sum of `total` of those that count as revenue (not cancelled, not still pending payment). */
  revenue: number;
  /** How many of them count as revenue. */
  counted: number;
}

export interface DayEntry {
  date: string;
  orders: number;
  /** Per currency with at least one order that counts, by currency code; empty on a day without. */
  revenue: Array<{ currency: string; amount: number }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Orders that are not revenue: cancelled ones, and those whose payment never came through (yet). */
export const notRevenueStatuses = ['cancelled', 'pending_payment'] as const;

/** Every UTC date from `from`'s to `to`'s, both included. */
export function utcDates(from: Date, to: Date): string[] {
  const dates: string[] = [];
  const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let at = first; at <= to.getTime(); at += DAY_MS) dates.push(new Date(at).toISOString().slice(0, 10));
  return dates;
}

export function dailySeries(from: Date, to: Date, totals: readonly DayCurrencyTotals[]): DayEntry[] {
  const byDay = new Map<string, DayCurrencyTotals[]>();
  for (const t of totals) {
    const list = byDay.get(t.day);
    if (list) list.push(t);
    else byDay.set(t.day, [t]);
  }
  return utcDates(from, to).map((date) => {
    const rows = byDay.get(date) ?? [];
    return {
      date,
      orders: rows.reduce((n, r) => n + r.orders, 0),
      revenue: rows
        .filter((r) => r.counted > 0)
        .map((r) => ({ currency: r.currency, amount: r.revenue }))
        .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)),
    };
  });
}
