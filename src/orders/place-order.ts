/**
 * Placing an order (flow 1 of DESIGN.md), inside the caller's transaction: validate against the
 * catalog, upsert the customer, reserve every line atomically (or nothing), number the order, write
 * it with its lines and first timeline event. Nothing external happens here.
 */
import { findProducts } from '../catalog/index.js';
import { upsertCustomer } from '../customers/index.js';
import { reserveForOrder, sumBySku } from '../inventory/index.js';
import type { Clock } from '../platform/clock.js';
import { isoTime } from '../platform/clock.js';
import type { Dialect, Trx } from '../platform/db/database.js';
import type { OrderLineTable, OrderTable } from '../platform/db/schema.js';
import { validationError, type FieldError } from '../platform/errors.js';
import { isKnownCountry, locate } from '../platform/geo/gazetteer.js';
import type { Ids } from '../platform/ids.js';
import { MoneyOverflowError } from '../platform/money.js';
import { checkProvider, enqueueFulfillment, openPayment, type OrderPaymentDeps } from './order-payments.js';
import { orderTotals } from './order-totals.js';
import { backorderExpectedDates, insertOrder, insertOrderEvent, nextOrderNumber, orderFromRows, paymentViews, setBackordered } from './order.repository.js';
import type { Order, PlaceOrderInput } from './order.schemas.js';

export interface PlaceOrderDeps extends OrderPaymentDeps {
  clock: Clock;
  ids: Ids;
  dialect: Dialect;
  publicUrl: string;
  pricing: { shippingFee: number; taxRateBps: number };
}

/**
 * Each line is bounded by the schema, but their sum is not: 10 lines of 100,000 units at the highest
 * unit price come to 10^16 minor units, past what is exact in a double, and the overflow thrown by
 * platform/money answered 500 (found by test/api/bad-input.test.ts). It is the input's fault: 422.
 */
function totalsOrInvalid(lines: OrderLineTable[], pricing: PlaceOrderDeps['pricing']) {
  try {
    return orderTotals(lines, pricing);
  } catch (error) {
    if (error instanceof MoneyOverflowError) throw validationError([{ path: 'lines', message: 'the order total is larger than this server can represent exactly' }]);
    throw error;
  }
}

/**
 * Marks the units no warehouse had as backordered on the order's lines: of lines naming the same
 * SKU, the last ones wait (the first are filled first), so the stored rows match the reservation.
 */
async function backorderLines(trx: Trx, lines: OrderLineTable[], backordered: ReadonlyArray<{ sku: string; quantity: number }>): Promise<void> {
  for (const { sku, quantity } of backordered) {
    let remaining = quantity;
    for (const line of lines.filter((l) => l.sku === sku).reverse()) {
      const take = Math.min(line.quantity, remaining);
      if (take === 0) continue;
      line.quantity_backordered = take;
      remaining -= take;
      await setBackordered(trx, line.id, take);
    }
  }
}

export interface PlaceOptions {
  /** Nothing is charged: unit prices, shipping and tax are 0 (the replacement order of an exchange). */
  freeOfCharge?: boolean;
  /** Every unit must be in stock now, even of backorderable products (an exchange reserves at once). */
  noBackorders?: boolean;
}

export async function placeOrder(trx: Trx, deps: PlaceOrderDeps, input: PlaceOrderInput, actor: string, options: PlaceOptions = {}): Promise<Order> {
  const now = isoTime(deps.clock.now());
  const address = input.shipping_address;
  const errors: FieldError[] = [];
  if (!isKnownCountry(address.country)) errors.push({ path: 'shipping_address.country', message: 'is not an ISO 3166-1 country code' });
  if (input.payment) checkProvider(deps, input.payment.provider);

  const products = await findProducts(trx, [...new Set(input.lines.map((l) => l.sku))]);
  input.lines.forEach((line, i) => {
    const product = products.get(line.sku);
    if (!product) errors.push({ path: `lines[${i}].sku`, message: `no product has SKU ${line.sku}` });
    else if (product.currency !== input.currency) errors.push({ path: `lines[${i}].sku`, message: `is priced in ${product.currency}, the order is in ${input.currency}` });
  });
  if (errors.length > 0) throw validationError(errors);

  const orderId = deps.ids.new('ord');
  const customerId = await upsertCustomer(trx, deps.ids, { email: input.customer.email.toLowerCase(), name: input.customer.name, phone: input.customer.phone ?? null }, now);

  const lines: OrderLineTable[] = input.lines.map((line, i) => ({
    id: deps.ids.new('oln'),
    order_id: orderId,
    line_no: i + 1,
    sku: line.sku,
    name: products.get(line.sku)!.name,
    quantity: line.quantity,
    unit_price: options.freeOfCharge ? 0 : products.get(line.sku)!.unit_price,
    quantity_shipped: 0,
    quantity_cancelled: 0,
    quantity_returned: 0,
    quantity_backordered: 0,
  }));
  const totals = totalsOrInvalid(lines, options.freeOfCharge ? { shippingFee: 0, taxRateBps: 0 } : deps.pricing);
  const payment = input.payment ?? null;
  const row: OrderTable = {
    id: orderId,
    number: await nextOrderNumber(trx, deps.dialect),
    // With a payment the order waits for its authorization (submit-order.ts); without, it is placed.
    status: payment ? 'pending_payment' : 'placed',
    customer_id: customerId,
    email: input.customer.email.toLowerCase(),
    customer: JSON.stringify({ email: input.customer.email.toLowerCase(), name: input.customer.name, phone: input.customer.phone ?? null }),
    shipping_address: JSON.stringify({ ...address, line2: address.line2 ?? null, region: address.region ?? null, postal_code: address.postal_code ?? null }),
    currency: input.currency,
    ...totals,
    payment_status: payment ? 'pending' : 'not_required',
    payment: JSON.stringify(payment ? { provider: payment.provider } : null),
    shipping: JSON.stringify({
      strategy: input.shipping?.strategy ?? 'cheapest',
      carrier: input.shipping?.carrier ?? null,
      service: input.shipping?.service ?? null,
      deliver_by: input.shipping?.deliver_by ?? null,
    }),
    metadata: JSON.stringify(input.metadata ?? {}),
    tracking_token: deps.ids.token(160),
    attention: null,
    created_at: now,
    updated_at: now,
  };
  await insertOrder(trx, row, lines);
  const destination = locate(address.country, address.city, address.region);
  const backorderable = new Set(options.noBackorders ? [] : [...products.values()].filter((p) => p.backorderable).map((p) => p.sku));
  const { allocations, split, backordered } = await reserveForOrder(trx, { ids: deps.ids, actor, now }, { orderId, wanted: sumBySku(input.lines), destination, backorderable });
  if (backordered.length > 0) await backorderLines(trx, lines, backordered);
  const paymentId = payment ? await openPayment(trx, deps, { id: orderId, total: row.total, currency: row.currency }, payment, now) : null;
  // Enqueued even with backordered units: the first step sees them and waits (fulfillment/jobs.ts),
  // as it does for a paid order whose authorization enqueues it.
  if (!payment) await enqueueFulfillment(trx, deps, orderId);
  await insertOrderEvent(trx, deps.ids, orderId, {
    type: 'order.placed',
    actor,
    at: now,
    data: {
      number: row.number,
      total: row.total,
      currency: row.currency,
      split,
      allocations: allocations.map((a) => ({ sku: a.sku, warehouse: a.warehouseCode, quantity: a.quantity })),
      backordered,
      ...(payment ? { status: row.status, payment_id: paymentId, provider: payment.provider } : {}),
    },
  });
  return orderFromRows(
    row,
    lines,
    allocations.map((a) => ({ sku: a.sku, warehouse: a.warehouseCode, quantity: a.quantity })).sort((a, b) => (a.sku === b.sku ? (a.warehouse < b.warehouse ? -1 : 1) : a.sku < b.sku ? -1 : 1)),
    deps.publicUrl,
    paymentId === null ? { payments: [], refunds: [] } : { payments: await paymentViews(trx, orderId), refunds: [] },
    backordered.length === 0 ? undefined : await backorderExpectedDates(trx, backordered.map((b) => b.sku)),
  );
}
