import { describe, expect, it } from 'vitest';
import { buildPickLists } from './pick-list.js';

const products = [
  { sku: 'MUG', name: 'Mug', weight_grams: 350, length_mm: 120, width_mm: 90, height_mm: 100 },
  { sku: 'TEE', name: 'Tee', weight_grams: 200, length_mm: 0, width_mm: 0, height_mm: 0 },
];

describe('pick lists', () => {
  it('makes one list per warehouse with lines by SKU, units and weight', () => {
    const lists = buildPickLists(
      [
        { sku: 'TEE', warehouse: 'EWR', quantity: 1 },
        { sku: 'MUG', warehouse: 'EWR', quantity: 2 },
        { sku: 'MUG', warehouse: 'DAL', quantity: 1 },
      ],
      products,
    );
    expect(lists).toEqual([
      { warehouse: 'DAL', lines: [{ sku: 'MUG', name: 'Mug', quantity: 1, weight_grams: 350 }], total_units: 1, total_weight_grams: 350 },
      {
        warehouse: 'EWR',
        lines: [
          { sku: 'MUG', name: 'Mug', quantity: 2, weight_grams: 700 },
          { sku: 'TEE', name: 'Tee', quantity: 1, weight_grams: 200 },
        ],
        total_units: 3,
        total_weight_grams: 900,
      },
    ]);
  });

  it('sums rows of one SKU, skips empty allocations and names unknown products by SKU', () => {
    const lists = buildPickLists(
      [
        { sku: 'MUG', warehouse: 'EWR', quantity: 2 },
        { sku: 'MUG', warehouse: 'EWR', quantity: 3 },
        { sku: 'GHOST', warehouse: 'EWR', quantity: 1 },
        { sku: 'TEE', warehouse: 'DAL', quantity: 0 },
      ],
      products,
    );
    expect(lists).toEqual([
      {
        warehouse: 'EWR',
        lines: [
          { sku: 'GHOST', name: 'GHOST', quantity: 1, weight_grams: 0 },
          { sku: 'MUG', name: 'Mug', quantity: 5, weight_grams: 1750 },
        ],
        total_units: 6,
        total_weight_grams: 1750,
      },
    ]);
    expect(buildPickLists([], products)).toEqual([]);
  });

  it('sorts by code units, the same on every machine, and refuses quantities that are not whole', () => {
    const lists = buildPickLists(
      ['b', 'B', 'a', 'Ä'].map((sku) => ({ sku, warehouse: 'W', quantity: 1 })),
      [],
    );
    expect(lists[0]!.lines.map((l) => l.sku)).toEqual(['B', 'a', 'b', 'Ä']);
    expect(() => buildPickLists([{ sku: 'MUG', warehouse: 'W', quantity: 0.5 }], products)).toThrow(RangeError);
  });
});
