/**
 * Sequences the model test once shrank to, run first on every run as fixed examples: random
 * generation may take thousands of sequences to meet them again, and each was a real bug.
 */
import type fc from 'fast-check';
import { CancelOrder, CountStock, PlaceOrder, type ModelState } from './inventory-commands.js';
import type { InitialStock } from './inventory-model.js';
import type { InventoryWorld } from './inventory-world.js';

type Example = [InitialStock, Array<fc.AsyncCommand<ModelState, InventoryWorld>>];

const noStock: InitialStock = { MA: { DAL: 0, EWR: 0 }, MB: { DAL: 0, EWR: 0 }, MC: { DAL: 0, EWR: 0 } };

/**
 * A New York order split over Newark (nearest) and Dallas, then partly cancelled: the release took
 * the Newark unit (last by warehouse id) instead of the far Dallas one (src/inventory/reservation.ts).
 */
const releaseFromTheNearestWarehouse = (): Example => [
  { ...noStock, MC: { DAL: 1, EWR: 1 } },
  [new PlaceOrder([{ sku: 'MC', quantity: 1 }], 'New York'), new CountStock('MC', 'EWR', 2), new PlaceOrder([{ sku: 'MC', quantity: 3 }], 'New York'), new CancelOrder('o2', { sku: 'MC', quantity: 2 })],
];

export const foundCounterexamples = (): Example[] => [releaseFromTheNearestWarehouse()];
