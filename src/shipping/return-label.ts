/**
 * The return label of a return: priced outside any transaction (carrier calls never hold a lock),
 * then opened as a shipment of kind `return` inside the approval's transaction, with label_state
 * `purchasing` — `resumePurchases` buys it like any outbound label (same two-phase purchase, same
 * `shipment.label_created` event, same tracking afterwards).
 *
 * The parcel travels the other way: from the order's shipping address to the receiving warehouse.
 * It is packed with the shop's box catalog (the customer reuses a box like the one it came in), and
 * the carrier is the one that delivered the units when it is still enabled — the customer knows its
 * drop-off points — else the cheapest of the enabled carriers.
 */
import { findProducts } from '../catalog/index.js';
import { packItems } from '../fulfillment/index.js';
import { findWarehousesByIds } from '../inventory/index.js';
import { findOrderRow } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { destinationOf } from './buy-shipments.js';
import type { CarrierAddress } from './carriers/carrier.js';
import { openShipment } from './open-shipment.js';
import { carrierAllowed, rateShop } from './rate-choice.js';
import { quoteRates, type QuoteError } from './quote-rates.js';
import { originOf } from './shipment-plan.js';
import type { Shipment, StoredParcel } from './shipment.repository.js';
import type { ShippingDeps } from './shipping-deps.js';

export interface ReturnLabelRequest {
  orderId: string;
  /** The warehouse the parcel goes back to. */
  warehouseId: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
  /** The carrier that delivered the units (asked first), or null. */
  carrier: string | null;
}

/** A priced return label, ready to open as a shipment. */
export interface ReturnLabelPlan {
  warehouseId: string;
  warehouseCode: string;
  /** The customer's address: where the parcel is picked up or dropped off from. */
  origin: CarrierAddress;
  destination: CarrierAddress;
  parcels: StoredParcel[];
  lines: Array<{ sku: string; quantity: number }>;
  carrier: string;
  service: string;
  amount: number;
  currency: string;
  estimatedDeliveryDate: string | null;
  /** Every quote with why it was chosen or passed over (kept in rate_quotes for the audit). */
  notes: ReturnType<typeof rateShop>['notes'];
  reason: string;
}

async function parcelsFor(deps: ShippingDeps, lines: ReturnLabelRequest['lines']): Promise<StoredParcel[]> {
  const products = await findProducts(deps.db, [...new Set(lines.map((l) => l.sku))]);
  const items = lines.map((l) => {
    const p = products.get(l.sku);
    return { sku: l.sku, quantity: l.quantity, length_mm: Number(p?.length_mm ?? 0), width_mm: Number(p?.width_mm ?? 0), height_mm: Number(p?.height_mm ?? 0), weight_grams: Number(p?.weight_grams ?? 0) };
  });
  return packItems(items, deps.boxes).map((p, i) => ({ seq: i + 1, tracking_number: null, weight_grams: p.weight_grams, length_mm: p.length_mm, width_mm: p.width_mm, height_mm: p.height_mm, items: p.items }));
}

function describe(errors: readonly QuoteError[]): string {
  return errors.length === 0 ? '' : ` (${errors.map((e) => `${e.carrier}: ${e.message}`).join('; ')})`;
}

/**
 * Quotes the return label; 409 conflict when no enabled carrier quotes a service the shop's rules
 * allow (nothing is written: the return stays as it was).
 */
export async function priceReturnLabel(deps: ShippingDeps, request: ReturnLabelRequest): Promise<ReturnLabelPlan> {
  const order = await findOrderRow(deps.db, request.orderId);
  if (order === null) throw new AppError('not_found', `Order ${request.orderId} was not found`);
  const warehouse = (await findWarehousesByIds(deps.db, [request.warehouseId])).get(request.warehouseId);
  if (warehouse === undefined) throw new AppError('conflict', `The receiving warehouse ${request.warehouseId} no longer exists`);
  const origin = destinationOf(order);
  const destination = originOf(warehouse, deps.shopName);
  const parcels = await parcelsFor(deps, request.lines);
  const context = { destinationCountry: destination.country, heaviestParcelGrams: Math.max(0, ...parcels.map((p) => p.weight_grams)), currency: order.currency };
  const ask = async (carriers: ShippingDeps['carriers']['all']) => {
    const { quotes, errors } = await quoteRates(carriers, deps.settings.rules, { origin, destination, parcels, currency: order.currency, shipDate: deps.clock.now() });
    return { ...rateShop('cheapest', quotes, deps.settings.rules, context, null), errors };
  };
  const preferred = request.carrier === null ? undefined : deps.carriers.get(request.carrier);
  let shopped = preferred !== undefined && carrierAllowed(deps.settings.rules, preferred.name) ? await ask([preferred]) : null;
  // The delivering carrier quotes nothing it may use (an outage, a rule): any enabled carrier will do.
  if (shopped === null || shopped.choice === null) {
    const wider = await ask(deps.carriers.all);
    shopped = { ...wider, errors: [...(shopped?.errors ?? []), ...wider.errors] };
  }
  if (shopped.choice === null) {
    throw new AppError('conflict', `No carrier quoted a return label from ${origin.city}, ${origin.country} to warehouse ${warehouse.code}${describe(shopped.errors)}; try again later or receive the parcel without a label`, {
      errors: shopped.errors,
    });
  }
  const q = shopped.choice.quote;
  return {
    warehouseId: warehouse.id,
    warehouseCode: warehouse.code,
    origin,
    destination,
    parcels,
    lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    carrier: q.carrier,
    service: q.service,
    amount: q.amount,
    currency: q.currency,
    estimatedDeliveryDate: q.estimatedDeliveryDate,
    notes: shopped.notes,
    reason: shopped.choice.reason,
  };
}

/**
 * Inserts the return shipment (label_state `purchasing`) and its rate audit, in the caller's
 * transaction; the label is bought after the commit (resumePurchases).
 */
export async function openReturnShipment(trx: Trx, deps: ShippingDeps, input: { orderId: string; returnId: string; plan: ReturnLabelPlan }): Promise<Shipment> {
  const { plan } = input;
  const { shipment } = await openShipment(
    trx,
    deps.ids,
    {
      orderId: input.orderId,
      warehouseId: plan.warehouseId,
      kind: 'return',
      returnId: input.returnId,
      strategy: 'cheapest',
      quote: { carrier: plan.carrier, service: plan.service, amount: plan.amount, currency: plan.currency, estimatedDeliveryDate: plan.estimatedDeliveryDate },
      notes: plan.notes,
      parcels: plan.parcels,
      lines: plan.lines,
      origin: plan.origin,
      destination: plan.destination,
    },
    isoTime(deps.clock.now()),
  );
  return shipment;
}
