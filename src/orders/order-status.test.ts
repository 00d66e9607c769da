import { describe, expect, it } from 'vitest';
import {
  canTransition,
  derivedOnlyStatuses,
  initialOrderStatuses,
  isOrderStatus,
  manualTargets,
  orderStatuses,
  orderTransitions,
  shippedStatuses,
  terminalOrderStatuses,
  type OrderStatus,
} from './order-status.js';

function reachableFrom(starts: readonly OrderStatus[]): Set<OrderStatus> {
  const seen = new Set<OrderStatus>(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const next of orderTransitions[queue.shift()!]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the order state machine', () => {
  it('has a row for exactly the known statuses, and every target is a known status', () => {
    expect(Object.keys(orderTransitions).sort()).toEqual([...orderStatuses].sort());
    for (const [from, targets] of Object.entries(orderTransitions)) {
      for (const to of targets) expect(isOrderStatus(to), `${from} → ${to}`).toBe(true);
      expect(new Set(targets).size, `${from} lists a target twice`).toBe(targets.length);
      expect(targets, `${from} → itself`).not.toContain(from);
    }
  });

  it('reaches every status from an initial status', () => {
    const reachable = reachableFrom(initialOrderStatuses);
    expect(orderStatuses.filter((s) => !reachable.has(s))).toEqual([]);
  });

  it('gives every non-terminal status a way out, and terminal ones none', () => {
    for (const status of orderStatuses) {
      if (terminalOrderStatuses.includes(status)) expect(orderTransitions[status], status).toEqual([]);
      else expect(orderTransitions[status].length, `${status} is a dead end`).toBeGreaterThan(0);
    }
  });

  it('lets every non-terminal status end in a terminal one', () => {
    for (const status of orderStatuses) {
      const ends = [...reachableFrom([status])].filter((s) => terminalOrderStatuses.includes(s));
      expect(ends.length, `${status} can never finish`).toBeGreaterThan(0);
    }
  });

  it('never goes back from shipped goods to before shipment, nor cancels them', () => {
    const unshipped = orderStatuses.filter((s) => !shippedStatuses.includes(s) && s !== 'partially_shipped' && s !== 'cancelled');
    for (const from of shippedStatuses) {
      for (const to of unshipped) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
      expect(canTransition(from, 'cancelled'), `${from} → cancelled`).toBe(false);
    }
  });

  it('knows initial and terminal statuses by name, disjoint', () => {
    for (const s of [...initialOrderStatuses, ...terminalOrderStatuses, ...derivedOnlyStatuses, ...shippedStatuses]) expect(isOrderStatus(s)).toBe(true);
    expect(initialOrderStatuses.filter((s) => terminalOrderStatuses.includes(s))).toEqual([]);
    expect(isOrderStatus('lost')).toBe(false);
    expect(isOrderStatus('')).toBe(false);
  });

  it('leaves statuses derived from shipments out of the manual targets', () => {
    expect(manualTargets('processing')).toEqual(['ready_to_ship', 'shipped', 'cancelled']);
    for (const status of orderStatuses) {
      for (const derived of derivedOnlyStatuses) expect(manualTargets(status)).not.toContain(derived);
      for (const to of manualTargets(status)) expect(canTransition(status, to)).toBe(true);
    }
  });
});
