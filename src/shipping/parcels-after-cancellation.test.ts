import { describe, expect, it } from 'vitest';
import { parcelsAfterCancellation } from './parcels-after-cancellation.js';

const parcel = (id: string, warehouse_id: string, lines: Array<[string, number]>) => ({ id, warehouse_id, lines: lines.map(([sku, quantity]) => ({ sku, quantity })) });
const open = (sku: string, warehouse_id: string, quantity: number) => ({ sku, warehouse_id, quantity });

describe('what a cancellation leaves of the waiting parcels', () => {
  it('gives up every parcel when nothing is left to ship', () => {
    expect(parcelsAfterCancellation([], [parcel('shp_1', 'wh_a', [['MUG', 2]]), parcel('shp_2', 'wh_b', [['TEE', 1]])])).toEqual({ emptied: ['shp_2', 'shp_1'], trimmed: [] });
  });

  it('gives up only the parcel of the warehouse whose units were all cancelled', () => {
    expect(parcelsAfterCancellation([open('TEE', 'wh_b', 1)], [parcel('shp_1', 'wh_a', [['MUG', 2]]), parcel('shp_2', 'wh_b', [['TEE', 1]])])).toEqual({ emptied: ['shp_1'], trimmed: [] });
  });

  it('keeps a parcel that still has units to carry, with only those', () => {
    expect(parcelsAfterCancellation([open('MUG', 'wh_a', 1)], [parcel('shp_1', 'wh_a', [['MUG', 2]])])).toEqual({ emptied: [], trimmed: [{ id: 'shp_1', lines: [{ sku: 'MUG', quantity: 1 }] }] });
    expect(parcelsAfterCancellation([open('TEE', 'wh_a', 1)], [parcel('shp_1', 'wh_a', [['MUG', 1], ['TEE', 1]])])).toEqual({ emptied: [], trimmed: [{ id: 'shp_1', lines: [{ sku: 'TEE', quantity: 1 }] }] });
    expect(parcelsAfterCancellation([open('MUG', 'wh_a', 2)], [parcel('shp_1', 'wh_a', [['MUG', 2]])])).toEqual({ emptied: [], trimmed: [] });
  });

  it('of two parcels from one warehouse, gives up the newest that the other can do without', () => {
    expect(parcelsAfterCancellation([open('MUG', 'wh_a', 2)], [parcel('shp_1', 'wh_a', [['MUG', 2]]), parcel('shp_2', 'wh_a', [['MUG', 1]])])).toEqual({ emptied: ['shp_2'], trimmed: [] });
    // Both are needed for the two units left: both stay, as they are.
    expect(parcelsAfterCancellation([open('MUG', 'wh_a', 2)], [parcel('shp_1', 'wh_a', [['MUG', 1]]), parcel('shp_2', 'wh_a', [['MUG', 1]])])).toEqual({ emptied: [], trimmed: [] });
    // Three left of 2 + 2: neither can go, the newest carries one less.
    expect(parcelsAfterCancellation([open('MUG', 'wh_a', 3)], [parcel('shp_1', 'wh_a', [['MUG', 2]]), parcel('shp_2', 'wh_a', [['MUG', 2]])])).toEqual({ emptied: [], trimmed: [{ id: 'shp_2', lines: [{ sku: 'MUG', quantity: 1 }] }] });
  });
});
