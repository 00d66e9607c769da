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
import { endOfDayUtc } from './carriers/carrier-time.js';
import { carrierAllowed, rateShop } from './rate-choice.js';
import { quoteRates, type QuoteError } from './quote-rates.js';
import { originOf } from './shipment-plan.js';
import { findShipment, insertShipment, type Shipment, type StoredParcel } from './shipment.repository.js';
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
  const now = isoTime(deps.clock.now());
  const { plan } = input;
  const id = deps.ids.new('shp');
  const rateShopId = deps.ids.new('rsr');
  for (const n of plan.notes) {
    await trx
      .insertInto('rate_quotes')
      .values({
        id: deps.ids.new('rq'),
        rate_shop_id: rateShopId,
        order_id: input.orderId,
        warehouse_id: plan.warehouseId,
        strategy: 'cheapest',
        carrier: n.quote.carrier,
        service: n.quote.service,
        service_name: n.quote.serviceName,
        amount: n.quote.amount,
        currency: n.quote.currency,
        transit_days: n.quote.transitDays,
        estimated_delivery_date: n.quote.estimatedDeliveryDate,
        chosen: n.chosen ? 1 : 0,
        note: n.note,
        created_at: now,
      })
      .execute();
  }
  await insertShipment(trx, {
    id,
    order_id: input.orderId,
    warehouse_id: plan.warehouseId,
    kind: 'return',
    return_id: input.returnId,
    carrier: plan.carrier,
    service: plan.service,
    status: 'label_created',
    incident_reason: null,
    label_state: 'purchasing',
    label_error: null,
    tracking_number: null,
    tracking_url: null,
    carrier_reference: null,
    label_content_type: null,
    label_data: null,
    packages: JSON.stringify(plan.parcels),
    lines: JSON.stringify(plan.lines),
    origin: JSON.stringify(plan.origin),
    destination: JSON.stringify(plan.destination),
    amount: plan.amount,
    currency: plan.currency,
    rate_shop_id: rateShopId,
    strategy: 'cheapest',
    estimated_delivery: plan.estimatedDeliveryDate === null ? null : endOfDayUtc(plan.estimatedDeliveryDate),
    eta_source: plan.estimatedDeliveryDate === null ? null : 'carrier',
    promised_delivery: null,
    shipped_at: null,
    delivered_at: null,
    signed_by: null,
    proof_of_delivery: null,
    last_event_at: null,
    last_update_at: null,
    next_poll_at: null,
    poll_failures: 0,
    attention: null,
    had_incident: 0,
    created_at: now,
    updated_at: now,
  });
  return (await findShipment(trx, id))!;
}
