/** Stock rows and ledger entries in words. Pure. */
import type { StockRow } from '../../api/index.js';

/** At or below its reorder point (only pairs that are reordered at all: the server's low-stock rule). */
export function isLow(row: Pick<StockRow, 'available' | 'reorder_point' | 'reorder_managed'>): boolean {
  return row.reorder_managed && row.available <= row.reorder_point;
}

/** "12.5 days", or "No recent sales" when nothing sold in the demand window. */
export function coverLabel(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'No recent sales';
  return `${days.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${days === 1 ? 'day' : 'days'}`;
}

const movementKinds: Record<string, string> = {
  reserve: 'Reserved for an order',
  release: 'Reservation released',
  ship: 'Shipped',
  adjust: 'Adjustment',
  count: 'Stock count',
  receive: 'Received',
  return: 'Returned to stock',
  write_off: 'Written off',
};

export function movementKindLabel(kind: string): string {
  return movementKinds[kind] ?? kind.replaceAll('_', ' ');
}

/** A signed change ("+5", "−3", "0"), with a real minus sign so it reads well. */
export function signed(n: number): string {
  if (n > 0) return `+${n.toLocaleString()}`;
  if (n < 0) return `−${Math.abs(n).toLocaleString()}`;
  return '0';
}
