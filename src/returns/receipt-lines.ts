/**
 * What a receipt says arrived, checked against the return and spread over its lines (pure, no I/O).
 * A receipt names SKUs and conditions, not return lines: several input lines of one SKU add up (one
 * resellable, one damaged), and a SKU that is on several return lines fills them in line order,
 * resellable units first.
 */
import type { FieldError } from '../platform/errors.js';

export type Condition = 'resellable' | 'damaged';

export interface ReceivedInputLine {
  sku: string;
  quantity: number;
  condition: Condition;
}

export interface ReturnLineToFill {
  id: string;
  sku: string;
  quantity: number;
}

export interface FilledLine {
  id: string;
  sku: string;
  quantity_resellable: number;
  quantity_damaged: number;
}

export interface ReceiptPlan {
  /** Every return line with what arrived of it (0 and 0 for a line of which nothing came). */
  lines: FilledLine[];
  /** Per SKU, for the stock ledger and the order lines. */
  bySku: { sku: string; resellable: number; damaged: number }[];
  /** Per SKU and condition, for the timeline. */
  summary: { sku: string; quantity: number; condition: Condition }[];
}

/** Refuses SKUs not on the return and more units of a SKU than the return asked to come back. */
export function receiptErrors(returnLines: readonly ReturnLineToFill[], received: readonly ReceivedInputLine[]): FieldError[] {
  const errors: FieldError[] = [];
  const asked = new Map<string, number>();
  for (const l of returnLines) asked.set(l.sku, (asked.get(l.sku) ?? 0) + l.quantity);
  const arrived = new Map<string, number>();
  received.forEach((line, i) => {
    const limit = asked.get(line.sku);
    if (limit === undefined) {
      errors.push({ path: `lines[${i}].sku`, message: `${line.sku} is not on this return` });
      return;
    }
    const before = arrived.get(line.sku) ?? 0;
    arrived.set(line.sku, before + line.quantity);
    // Reported once per SKU: on the line that went over.
    if (before <= limit && before + line.quantity > limit) {
      errors.push({ path: `lines[${i}].quantity`, message: `${before + line.quantity} of ${line.sku} received, but the return asked for ${limit}` });
    }
  });
  return errors;
}

/** Spreads a receipt (already checked by receiptErrors) over the return's lines. */
export function planReceipt(returnLines: readonly ReturnLineToFill[], received: readonly ReceivedInputLine[]): ReceiptPlan {
  const totals = new Map<string, { resellable: number; damaged: number }>();
  for (const line of received) {
    const t = totals.get(line.sku) ?? { resellable: 0, damaged: 0 };
    t[line.condition] += line.quantity;
    totals.set(line.sku, t);
  }
  const left = new Map([...totals].map(([sku, t]) => [sku, { ...t }]));
  const lines = returnLines.map((l) => {
    const t = left.get(l.sku) ?? { resellable: 0, damaged: 0 };
    const resellable = Math.min(l.quantity, t.resellable);
    const damaged = Math.min(l.quantity - resellable, t.damaged);
    t.resellable -= resellable;
    t.damaged -= damaged;
    return { id: l.id, sku: l.sku, quantity_resellable: resellable, quantity_damaged: damaged };
  });
  const bySku = [...totals].map(([sku, t]) => ({ sku, resellable: t.resellable, damaged: t.damaged }));
  const summary = bySku.flatMap((t) => [
    ...(t.resellable > 0 ? [{ sku: t.sku, quantity: t.resellable, condition: 'resellable' as const }] : []),
    ...(t.damaged > 0 ? [{ sku: t.sku, quantity: t.damaged, condition: 'damaged' as const }] : []),
  ]);
  return { lines, bySku, summary };
}
