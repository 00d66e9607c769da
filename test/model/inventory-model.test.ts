/**
 * Model-based test of inventory (issue 10, item 3): random sequences of up to 15 operations —
 * place (reserve), cancel (release, whole or part), ship, purchase-order receipt (with backorder
 * allocation), return, adjustment, count — run against a real database and against a plain model
 * (inventory-model.ts); after every step both must have answered the same and the database must
 * hold exactly the model's stock, orders and allocations, with a ledger that sums to the stock.
 *
 * The sequences it once shrank a failure to run first (inventory-counterexamples.ts).
 * WAYBILL_MODEL_RUNS sets the number of sequences per database (default 1,000, what CI runs);
 * WAYBILL_MODEL_SEED replays the seed a failure printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { checkAgreement, initialStock, inventoryCommands, type ModelState } from './inventory-commands.js';
import { foundCounterexamples } from './inventory-counterexamples.js';
import { InventoryModel } from './inventory-model.js';
import { InventoryWorld } from './inventory-world.js';

const runs = Number(process.env.WAYBILL_MODEL_RUNS ?? 1_000);
const seed = process.env.WAYBILL_MODEL_SEED === undefined ? undefined : Number(process.env.WAYBILL_MODEL_SEED);

describe.each(testDialects())('the inventory model on %s', (dialect) => {
  let database: TestDatabase;
  let world: InventoryWorld;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await InventoryWorld.open(database);
  });
  afterAll(async () => {
    await world?.close();
    await database?.drop();
  });

  it(`agrees with the database after every step of ${runs} random sequences`, async () => {
    expect(Number.isInteger(runs) && runs > 0, 'WAYBILL_MODEL_RUNS must be a positive integer').toBe(true);
    await fc.assert(
      fc.asyncProperty(initialStock, fc.commands(inventoryCommands, { maxCommands: 15, size: 'max' }), async (initial, commands) => {
        await world.reset(initial);
        const state: ModelState = { model: new InventoryModel(initial), ids: new Map() };
        await checkAgreement('the initial stock', { kind: 'done' }, { kind: 'done' }, state, world);
        await fc.asyncModelRun(() => ({ model: state, real: world }), commands);
      }),
      { numRuns: runs, examples: foundCounterexamples(), ...(seed === undefined ? {} : { seed }) },
    );
  }, 600_000);
});
