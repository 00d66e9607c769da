/**
 * The fast-check commands of the inventory model test. Each one asks the model what should happen,
 * does it to the database through the real use case, and then requires that both answered the same
 * and that the database now holds exactly what the model holds (checkAgreement). Their toString is
 * what fast-check prints for a shrunk counterexample, so it reads like a script of the sequence.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { InventoryModel, SKUS, WAREHOUSES, type Destination, type ModelOrder, type Outcome, type Sku, type WantedLine, type WarehouseCode } from './inventory-model.js';
import type { InventoryWorld } from './inventory-world.js';

/** The model, and the ids the database gave the model's orders (label → id). */
export interface ModelState {
  model: InventoryModel;
  ids: Map<string, string>;
}

type InventoryCommand = fc.AsyncCommand<ModelState, InventoryWorld>;

const units = (lines: readonly WantedLine[]) => lines.map((l) => `${l.quantity}×${l.sku}`).join(' + ');

/** The database, in the model's terms: what the model predicts checkAgreement compares it with. */
function expectedSnapshot(state: ModelState) {
  const { model, ids } = state;
  const stock = SKUS.flatMap((sku) =>
    WAREHOUSES.map((warehouse) => {
      const { onHand, reserved } = model.level(sku, warehouse);
      return { sku, warehouse, on_hand: onHand, reserved, available: onHand - reserved };
    }),
  );
  const orders = [...model.orders].map((o) => ({ id: ids.get(o.label)!, status: o.status, lines: o.lines.map((l) => ({ ...l })) })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const allocations = model.orders
    .flatMap((o) => o.allocations.map((a) => ({ order_id: ids.get(o.label)!, sku: a.sku, warehouse: a.warehouse, quantity: a.quantity, released: a.released, shipped: a.shipped })))
    .sort((a, b) => (a.order_id === b.order_id ? 0 : a.order_id < b.order_id ? -1 : 1));
  return { stock, ledgerMismatches: [], orders, allocations };
}

/** After every step: the same answer, the same stock, orders and allocations, a balanced ledger. */
export async function checkAgreement(step: string, predicted: Outcome, actual: Outcome, state: ModelState, world: InventoryWorld): Promise<void> {
  expect(actual, `${step}: the answer`).toEqual(predicted);
  expect(await world.snapshot(), `${step}: the database against the model`).toEqual(expectedSnapshot(state));
}

export class PlaceOrder implements InventoryCommand {
  constructor(
    readonly lines: readonly WantedLine[],
    readonly destination: Destination,
  ) {}
  check = () => true;
  async run(state: ModelState, world: InventoryWorld) {
    const label = `o${state.model.orders.length + 1}`;
    const predicted = state.model.place(label, this.lines, this.destination);
    const { outcome, orderId } = await world.place(this.lines, this.destination);
    if (orderId !== null) state.ids.set(label, orderId);
    await checkAgreement(this.toString(), predicted, outcome, state, world);
  }
  toString = () => `place(${units(this.lines)} to ${this.destination})`;
}

/** Commands on an order name it by its label (o1 = the first order placed); none yet: skipped. */
abstract class OrderCommand implements InventoryCommand {
  constructor(readonly label: string) {}
  check = (state: Readonly<ModelState>) => state.model.order(this.label) !== undefined;
  protected orderOf(state: ModelState): { order: ModelOrder; id: string } {
    return { order: state.model.order(this.label)!, id: state.ids.get(this.label)! };
  }
  abstract run(state: ModelState, world: InventoryWorld): Promise<void>;
}

export class CancelOrder extends OrderCommand {
  constructor(
    label: string,
    readonly line: WantedLine | null,
  ) {
    super(label);
  }
  override async run(state: ModelState, world: InventoryWorld) {
    const { order, id } = this.orderOf(state);
    const predicted = state.model.cancel(order, this.line);
    await checkAgreement(this.toString(), predicted, await world.cancel(id, this.line), state, world);
  }
  override toString = () => `cancel(${this.label}${this.line ? `, ${units([this.line])}` : ', whole'})`;
}

export class ShipOrder extends OrderCommand {
  override async run(state: ModelState, world: InventoryWorld) {
    const { order, id } = this.orderOf(state);
    const predicted = state.model.ship(order);
    await checkAgreement(this.toString(), predicted, await world.ship(id), state, world);
  }
  override toString = () => `ship(${this.label})`;
}

/**
 * Names the SKU by its place on the order (its first, second… SKU), so that most returns drawn
 * are of something the order has; only what it shipped and has not had back may come back (the
 * return rules refuse more before any stock moves).
 */
export class ReturnUnits extends OrderCommand {
  constructor(
    label: string,
    readonly skuIndex: number,
    readonly warehouse: WarehouseCode,
    readonly resellable: number,
    readonly damaged: number,
  ) {
    super(label);
  }
  private skuOf(order: ModelOrder): Sku {
    return order.lines[this.skuIndex % order.lines.length]!.sku;
  }
  override check = (state: Readonly<ModelState>) => {
    const order = state.model.order(this.label);
    return order !== undefined && state.model.returnable(order, this.skuOf(order)) >= this.resellable + this.damaged;
  };
  override async run(state: ModelState, world: InventoryWorld) {
    const { order, id } = this.orderOf(state);
    const sku = this.skuOf(order);
    const predicted = state.model.returnUnits(order, sku, this.warehouse, this.resellable, this.damaged);
    await checkAgreement(`${this.toString()} of ${sku}`, predicted, await world.returnUnits(id, sku, this.warehouse, this.resellable, this.damaged), state, world);
  }
  override toString = () => `return(${this.label}'s SKU #${this.skuIndex + 1}: ${this.resellable} resellable + ${this.damaged} damaged at ${this.warehouse})`;
}

export class ReceivePurchaseOrder implements InventoryCommand {
  constructor(
    readonly sku: Sku,
    readonly warehouse: WarehouseCode,
    readonly quantity: number,
  ) {}
  check = () => true;
  async run(state: ModelState, world: InventoryWorld) {
    const predicted = state.model.receive(this.sku, this.warehouse, this.quantity);
    await checkAgreement(this.toString(), predicted, await world.receive(this.sku, this.warehouse, this.quantity), state, world);
  }
  toString = () => `receive(${this.quantity}×${this.sku} at ${this.warehouse})`;
}

export class AdjustStock implements InventoryCommand {
  constructor(
    readonly sku: Sku,
    readonly warehouse: WarehouseCode,
    readonly delta: number,
  ) {}
  check = () => true;
  async run(state: ModelState, world: InventoryWorld) {
    const predicted = state.model.adjust(this.sku, this.warehouse, this.delta);
    await checkAgreement(this.toString(), predicted, await world.adjust(this.sku, this.warehouse, this.delta), state, world);
  }
  toString = () => `adjust(${this.sku} at ${this.warehouse} by ${this.delta > 0 ? '+' : ''}${this.delta})`;
}

export class CountStock implements InventoryCommand {
  constructor(
    readonly sku: Sku,
    readonly warehouse: WarehouseCode,
    readonly onHand: number,
  ) {}
  check = () => true;
  async run(state: ModelState, world: InventoryWorld) {
    const predicted = state.model.count(this.sku, this.warehouse, this.onHand);
    await checkAgreement(this.toString(), predicted, await world.count(this.sku, this.warehouse, this.onHand), state, world);
  }
  toString = () => `count(${this.sku} at ${this.warehouse} = ${this.onHand})`;
}

const sku = fc.constantFrom(...SKUS);
const warehouse = fc.constantFrom(...WAREHOUSES);
/** A sequence places a few orders: the first ones are named most, so most commands find theirs. */
const label = fc.oneof({ arbitrary: fc.constant('o1'), weight: 3 }, { arbitrary: fc.constant('o2'), weight: 2 }, { arbitrary: fc.constant('o3'), weight: 1 });
const wantedLine = fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }) });

/** Drawn twice: most other commands need an order, and a shipped one for a return. */
const placeOrder = fc.tuple(fc.array(wantedLine, { minLength: 1, maxLength: 3 }), fc.constantFrom<Destination>('Austin', 'New York')).map(([lines, to]) => new PlaceOrder(lines, to));
const shipOrder = label.map((l) => new ShipOrder(l));

/** Only a shipped order's units come back, so returns are drawn twice as often to run as often. */
const returnUnits = fc
  .tuple(label, fc.integer({ min: 0, max: 2 }), warehouse, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))
  .filter(([, , , resellable, damaged]) => resellable + damaged > 0)
  .map(([l, s, w, resellable, damaged]) => new ReturnUnits(l, s, w, resellable, damaged));

/** Small numbers on purpose: stock runs out, orders are refused, backorders wait for receipts. */
export const inventoryCommands = [
  placeOrder,
  placeOrder,
  fc.tuple(label, fc.option(wantedLine, { freq: 2 })).map(([l, line]) => new CancelOrder(l, line)),
  shipOrder,
  shipOrder,
  returnUnits,
  returnUnits,
  fc.tuple(sku, warehouse, fc.integer({ min: 1, max: 5 })).map(([s, w, q]) => new ReceivePurchaseOrder(s, w, q)),
  fc.tuple(sku, warehouse, fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0)).map(([s, w, d]) => new AdjustStock(s, w, d)),
  fc.tuple(sku, warehouse, fc.integer({ min: 0, max: 6 })).map(([s, w, n]) => new CountStock(s, w, n)),
];

/** Each pair's on_hand when a sequence starts: often 0 or a few units. */
export const initialStock = fc.record(Object.fromEntries(SKUS.map((s) => [s, fc.record(Object.fromEntries(WAREHOUSES.map((w) => [w, fc.integer({ min: 0, max: 4 })])))]))) as fc.Arbitrary<
  Record<Sku, Record<WarehouseCode, number>>
>;
