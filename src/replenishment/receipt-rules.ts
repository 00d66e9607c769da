/**
 * What a purchase order receipt may bring. Each line may end with more than was ordered, up to the
 * tolerance (basis points of the line, rounded down: 10 % of 15 units allows 16); beyond it, or a
 * SKU the order does not have, the whole receipt is refused, naming the input line. Several input
 * lines of one SKU add up. Pure: no I/O.
 */
import type { FieldError } from '../platform/errors.js';

export interface OrderedLine {
  id: string;
  sku: string;
  quantity: number;
  quantity_received: number;
}

export interface ReceiptInputLine {
  sku: string;
  quantity: number;
}

export type ReceiptPlan =
  | { kind: 'refused'; errors: FieldError[] }
  | { kind: 'accepted'; receipts: Array<{ lineId: string; sku: string; quantity: number }>; complete: boolean };

/** The most a line of `ordered` units may receive in total. */
export function mostReceivable(ordered: number, overReceiptBps: number): number {
  return ordered + Math.floor((ordered * overReceiptBps) / 10_000);
}

export function planPurchaseReceipt(lines: readonly OrderedLine[], input: readonly ReceiptInputLine[], overReceiptBps: number): ReceiptPlan {
  const bySku = new Map(lines.map((l) => [l.sku, l]));
  const incoming = new Map<string, number>();
  const errors: FieldError[] = [];
  input.forEach((entry, i) => {
    const line = bySku.get(entry.sku);
    if (line === undefined) {
      errors.push({ path: `lines[${i}].sku`, message: `${entry.sku} is not on this purchase order` });
      return;
    }
    const before = incoming.get(entry.sku) ?? 0;
    const total = line.quantity_received + before + entry.quantity;
    const most = mostReceivable(line.quantity, overReceiptBps);
    // Only the input line that first goes over is named: the ones before it were within the limit.
    if (total > most && line.quantity_received + before <= most) {
      errors.push({ path: `lines[${i}].quantity`, message: `would bring ${total} of ${line.quantity} ordered (${line.quantity_received} received so far); at most ${most} may be received` });
    }
    incoming.set(entry.sku, before + entry.quantity);
  });
  if (errors.length > 0) return { kind: 'refused', errors };
  const receipts = lines.filter((l) => incoming.has(l.sku)).map((l) => ({ lineId: l.id, sku: l.sku, quantity: incoming.get(l.sku)! }));
  const complete = lines.every((l) => l.quantity_received + (incoming.get(l.sku) ?? 0) >= l.quantity);
  return { kind: 'accepted', receipts, complete };
}
