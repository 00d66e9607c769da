import { describe, expect, it } from 'vitest';
import { nextStatuses, refusalOfMove, type LineQuantities } from './next-statuses.js';
import { manualTargets, orderStatuses } from './order-status.js';

const line = (over: Partial<LineQuantities> = {}): LineQuantities => ({ sku: 'MUG', quantity: 2, quantity_shipped: 0, quantity_cancelled: 0, quantity_backordered: 0, ...over });

describe('next statuses', () => {
  it('are the manual targets for an order whose lines rule nothing out', () => {
    for (const from of orderStatuses) expect(nextStatuses(from, [line()]), from).toEqual(manualTargets(from));
  });

  it('leave out shipping while units are backordered', () => {
    expect(nextStatuses('processing', [line({ quantity_backordered: 1 })])).toEqual(['ready_to_ship', 'cancelled']);
    expect(refusalOfMove('processing', 'shipped', [line({ quantity_backordered: 1 })])?.details).toEqual({ backordered: [{ sku: 'MUG', quantity: 1 }] });
  });

  it('leave out cancelling when nothing is left open to cancel', () => {
    expect(nextStatuses('ready_to_ship', [line({ quantity_shipped: 1, quantity_cancelled: 1 })])).toEqual(['shipped']);
  });

  it('agree with the refusals move by move', () => {
    const cases = [[line()], [line({ quantity_backordered: 2 })], [line({ quantity_shipped: 2 })]];
    for (const lines of cases) {
      for (const from of orderStatuses) {
        for (const to of orderStatuses) expect(refusalOfMove(from, to, lines) === null, `${from} → ${to}`).toBe(nextStatuses(from, lines).includes(to));
      }
    }
  });
});
