import { describe, expect, it } from 'vitest';
import {
  canMovePurchaseOrder,
  initialPurchaseOrderStatus,
  openPurchaseOrderStatuses,
  purchaseOrderStatuses,
  purchaseOrderTransitions,
  terminalPurchaseOrderStatuses,
  type PurchaseOrderStatus,
} from './purchase-order-status.js';

function reachableFrom(starts: readonly PurchaseOrderStatus[]): Set<PurchaseOrderStatus> {
  const seen = new Set<PurchaseOrderStatus>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const next of purchaseOrderTransitions[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the purchase order state machine', () => {
  it('has a row for exactly the known statuses, and every target is a known status', () => {
    expect(Object.keys(purchaseOrderTransitions).sort()).toEqual([...purchaseOrderStatuses].sort());
    for (const [from, targets] of Object.entries(purchaseOrderTransitions)) {
      for (const to of targets) expect(purchaseOrderStatuses, `${from} → ${to}`).toContain(to);
      expect(new Set(targets).size, `${from} lists a target twice`).toBe(targets.length);
    }
  });

  it('reaches every status from the initial one', () => {
    const reachable = reachableFrom([initialPurchaseOrderStatus]);
    expect(purchaseOrderStatuses.filter((s) => !reachable.has(s))).toEqual([]);
  });

  it('gives every non-terminal status a way out, and terminal ones none', () => {
    for (const status of purchaseOrderStatuses) {
      if (terminalPurchaseOrderStatuses.includes(status)) expect(purchaseOrderTransitions[status], status).toEqual([]);
      else expect(purchaseOrderTransitions[status].filter((to) => to !== status).length, `${status} is a dead end`).toBeGreaterThan(0);
    }
  });

  it('lets every status end in a terminal one', () => {
    for (const status of purchaseOrderStatuses) {
      const ends = [...reachableFrom([status])].filter((s) => terminalPurchaseOrderStatuses.includes(s));
      expect(ends.length, `${status} can never finish`).toBeGreaterThan(0);
    }
  });

  it('never goes back; only a further partial receipt stays where it is', () => {
    const order = new Map(purchaseOrderStatuses.map((s, i) => [s, i]));
    for (const [from, targets] of Object.entries(purchaseOrderTransitions)) {
      for (const to of targets) {
        if (to === from) expect(to, `${from} → itself`).toBe('partially_received');
        else expect(order.get(to)!, `${from} → ${to}`).toBeGreaterThan(order.get(from as PurchaseOrderStatus)!);
      }
    }
  });

  it('sends only drafts, receives only what was sent, and cancels only before anything arrived', () => {
    expect(purchaseOrderStatuses.filter((s) => canMovePurchaseOrder(s, 'sent'))).toEqual(['draft']);
    expect(purchaseOrderStatuses.filter((s) => canMovePurchaseOrder(s, 'received'))).toEqual(['sent', 'partially_received']);
    expect(purchaseOrderStatuses.filter((s) => canMovePurchaseOrder(s, 'partially_received'))).toEqual(['sent', 'partially_received']);
    expect(purchaseOrderStatuses.filter((s) => canMovePurchaseOrder(s, 'cancelled'))).toEqual(['draft', 'sent']);
  });

  it('holds the reorder marker exactly while the order may still bring stock', () => {
    expect([...openPurchaseOrderStatuses].sort()).toEqual(purchaseOrderStatuses.filter((s) => !terminalPurchaseOrderStatuses.includes(s)).sort());
  });
});
