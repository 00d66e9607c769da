import { describe, expect, it } from 'vitest';
import { planAllocation, sumBySku, type StockLevel } from './allocation.js';

const level = (sku: string, warehouseId: string, available: number): StockLevel => ({ sku, warehouseId, available });
// Nearest first.
const byDistance = ['near', 'mid', 'far'];

describe('sumBySku', () => {
  it('sums lines naming the same SKU, keeping the order SKUs were first seen in', () => {
    expect(
      sumBySku([
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'B', quantity: 4 },
      { sku: 'A', quantity: 2 },
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(sumBySku([])).toEqual([]);
  });
});

describe('planAllocation', () => {
  it('takes the whole order from the nearest warehouse that can fill all of it', () => {
    const levels = [level('A', 'near', 5), level('A', 'mid', 10), level('B', 'mid', 1), level('A', 'far', 10), level('B', 'far', 10)];
    expect(planAllocation([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }], levels, byDistance)).toEqual({
      kind: 'allocated',
      split: false,
      backordered: [],
      allocations: [
        { sku: 'A', warehouseId: 'mid', quantity: 2 },
        { sku: 'B', warehouseId: 'mid', quantity: 1 },
      ],
    });
  });

  it('prefers the nearest warehouse when several could fill the order', () => {
    const levels = [level('A', 'far', 100), level('A', 'near', 3), level('A', 'mid', 100)];
    expect(planAllocation([{ sku: 'A', quantity: 3 }], levels, byDistance)).toEqual({
      kind: 'allocated',
      split: false,
      backordered: [],
      allocations: [{ sku: 'A', warehouseId: 'near', quantity: 3 }],
    });
  });

  it('does not split an order one farther warehouse can fill whole', () => {
    // near has all of A but none of B; far has both: one shipment from far beats two.
    const levels = [level('A', 'near', 10), level('A', 'far', 1), level('B', 'far', 1)];
    const plan = planAllocation([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }], levels, byDistance);
    expect(plan).toMatchObject({ kind: 'allocated', split: false });
    expect(plan.kind === 'allocated' && plan.allocations.every((a) => a.warehouseId === 'far')).toBe(true);
  });

  it('splits only when no single warehouse can fill the order, each line nearest first', () => {
    // far has plenty of A but only one B: no warehouse holds the whole order.
    const levels = [level('A', 'near', 4), level('A', 'mid', 3), level('A', 'far', 100), level('B', 'far', 1), level('B', 'near', 1)];
    expect(planAllocation([{ sku: 'A', quantity: 10 }, { sku: 'B', quantity: 2 }], levels, byDistance)).toEqual({
      kind: 'allocated',
      split: true,
      backordered: [],
      allocations: [
        { sku: 'A', warehouseId: 'near', quantity: 4 },
        { sku: 'A', warehouseId: 'mid', quantity: 3 },
        { sku: 'A', warehouseId: 'far', quantity: 3 },
        { sku: 'B', warehouseId: 'near', quantity: 1 },
        { sku: 'B', warehouseId: 'far', quantity: 1 },
      ],
    });
  });

  it('lists every short line with what is available in total, and allocates nothing', () => {
    const levels = [level('A', 'near', 2), level('A', 'far', 3), level('B', 'mid', 100), level('C', 'near', 1)];
    expect(
      planAllocation(
        [
          { sku: 'A', quantity: 6 },
          { sku: 'B', quantity: 1 },
          { sku: 'C', quantity: 2 },
          { sku: 'D', quantity: 1 },
        ],
        levels,
        byDistance,
      ),
    ).toEqual({
      kind: 'short',
      lines: [
        { sku: 'A', requested: 6, available: 5 },
        { sku: 'C', requested: 2, available: 1 },
        { sku: 'D', requested: 1, available: 0 },
      ],
    });
  });

  it('counts negative availability (reserved above on hand) as none', () => {
    const levels = [level('A', 'near', -5), level('A', 'far', 2)];
    expect(planAllocation([{ sku: 'A', quantity: 3 }], levels, byDistance)).toEqual({ kind: 'short', lines: [{ sku: 'A', requested: 3, available: 2 }] });
    expect(planAllocation([{ sku: 'A', quantity: 2 }], levels, byDistance)).toMatchObject({
      kind: 'allocated',
      split: false,
      backordered: [],
      allocations: [{ sku: 'A', warehouseId: 'far', quantity: 2 }],
    });
  });

  it('ignores stock in warehouses it was not given', () => {
    const levels = [level('A', 'closed', 100), level('A', 'near', 1)];
    expect(planAllocation([{ sku: 'A', quantity: 2 }], levels, byDistance)).toEqual({ kind: 'short', lines: [{ sku: 'A', requested: 2, available: 1 }] });
  });

  it('reports everything short when there are no warehouses', () => {
    expect(planAllocation([{ sku: 'A', quantity: 1 }], [level('A', 'near', 5)], [])).toEqual({ kind: 'short', lines: [{ sku: 'A', requested: 1, available: 0 }] });
  });
});

describe('planAllocation with backorderable SKUs', () => {
  const backorderable = new Set(['A']);

  it('reserves what there is of a backorderable SKU and backorders the rest, nearest first', () => {
    const levels = [level('A', 'near', 1), level('A', 'far', 1)];
    expect(planAllocation([{ sku: 'A', quantity: 5 }], levels, byDistance, backorderable)).toEqual({
      kind: 'allocated',
      split: true,
      backordered: [{ sku: 'A', quantity: 3 }],
      allocations: [
        { sku: 'A', warehouseId: 'near', quantity: 1 },
        { sku: 'A', warehouseId: 'far', quantity: 1 },
      ],
    });
  });

  it('backorders everything when nothing is in stock, and reserves nothing', () => {
    expect(planAllocation([{ sku: 'A', quantity: 2 }], [], byDistance, backorderable)).toEqual({ kind: 'allocated', split: false, backordered: [{ sku: 'A', quantity: 2 }], allocations: [] });
    expect(planAllocation([{ sku: 'A', quantity: 2 }], [level('A', 'near', 4)], [], backorderable)).toMatchObject({ kind: 'allocated', backordered: [{ sku: 'A', quantity: 2 }], allocations: [] });
  });

  it('keeps one warehouse for the order when one holds everything that can be reserved', () => {
    // A is short everywhere: its 2 units at far and all of B at far make one parcel.
    const levels = [level('B', 'near', 5), level('A', 'far', 2), level('B', 'far', 5)];
    expect(planAllocation([{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 1 }], levels, byDistance, backorderable)).toEqual({
      kind: 'allocated',
      split: false,
      backordered: [{ sku: 'A', quantity: 2 }],
      allocations: [
        { sku: 'A', warehouseId: 'far', quantity: 2 },
        { sku: 'B', warehouseId: 'far', quantity: 1 },
      ],
    });
  });

  it('backorders nothing when stock suffices', () => {
    expect(planAllocation([{ sku: 'A', quantity: 2 }], [level('A', 'mid', 2)], byDistance, backorderable)).toEqual({
      kind: 'allocated',
      split: false,
      backordered: [],
      allocations: [{ sku: 'A', warehouseId: 'mid', quantity: 2 }],
    });
  });

  it('still refuses the whole order for a short line of a SKU that is not backorderable', () => {
    const levels = [level('A', 'near', 1), level('B', 'near', 1)];
    expect(planAllocation([{ sku: 'A', quantity: 5 }, { sku: 'B', quantity: 2 }], levels, byDistance, backorderable)).toEqual({
      kind: 'short',
      lines: [{ sku: 'B', requested: 2, available: 1 }],
    });
  });
});
