/**
 * Buying labels for an order: one shipment per warehouse that has units waiting (or the lines asked
 * for), each rate-shopped across the enabled carriers by the order's strategy and the shop's rules.
 *
 * Never a carrier call inside a transaction, and never a purchase without a trace: the shipment row
 * (label_state `purchasing`) and every quote with its note commit first; the carrier is called with
 * the shipment id as its reference; the answer is recorded in a second transaction. A crash in
 * between leaves a `purchasing` row that the next attempt buys again under the same reference (the
 * sim answers it with the first label; a real carrier may issue a second label, which a person then
 * voids: the timeline shows both attempts).
 */
import { findOrderRow, insertOrderEvent, lockOrder, type OrderStatus } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Trx } from '../platform/db/database.js';
import { AppError, validationError } from '../platform/errors.js';
import { CarrierError, type CarrierAddress, type LabelDocument, type LabelResult } from './carriers/carrier.js';
import { addBusinessDays, endOfDayUtc } from './carriers/carrier-time.js';
import { combineLabels } from './label-document.js';
import { openShipment } from './open-shipment.js';
import { rateShop, type Choice, type Strategy } from './rate-choice.js';
import { quoteRates, type QuoteError } from './quote-rates.js';
import { planShipments, type WarehouseShipmentPlan } from './shipment-plan.js';
import { findShipment, recordTrackingNumbers, shipmentsOfOrder, updateShipment, type Shipment } from './shipment.repository.js';
import type { ShippingDeps } from './shipping-deps.js';
import { enqueueVoidLabels } from './void-labels.js';

/** tracking/jobs.ts's job that subscribes a shipment's numbers at its carrier. */
export const SUBSCRIBE_TRACKING_JOB = 'tracking.subscribe';

export interface BuyOptions {
  lines?: ReadonlyArray<{ sku: string; quantity: number }>;
  carrier?: string | null;
  service?: string | null;
  strategy?: Strategy;
  actor: string;
}

/** No carrier quoted a service that the rules allow; `errors` says what the carriers answered. */
export class NoRateError extends Error {
  constructor(
    readonly warehouse: string,
    readonly errors: QuoteError[],
  ) {
    super(`no carrier quoted an allowed service from ${warehouse}${errors.length ? `: ${errors.map((e) => `${e.carrier} ${e.message}`).join('; ')}` : ''}`);
    this.name = 'NoRateError';
  }
}

const SHIPPABLE: readonly OrderStatus[] = ['processing', 'ready_to_ship', 'partially_shipped'];

export function destinationOf(order: { shipping_address: string; customer: string }): CarrierAddress {
  const a = JSON.parse(order.shipping_address) as CarrierAddress & { name: string };
  const c = JSON.parse(order.customer) as { email?: string; phone?: string | null };
  return { ...a, phone: c.phone ?? null, email: c.email ?? null };
}

/** The date the shop promised: the order's own, else WAYBILL_PROMISE_DAYS business days after it was placed. */
export function promisedDateOf(order: { shipping: string; created_at: string }, promiseDays: number): string {
  const shipping = JSON.parse(order.shipping) as { deliver_by?: string | null };
  return shipping.deliver_by ?? addBusinessDays(new Date(order.created_at), promiseDays);
}

interface Shopped {
  plan: WarehouseShipmentPlan;
  choice: Choice;
  strategy: Strategy;
  notes: ReturnType<typeof rateShop>['notes'];
}

async function shop(deps: ShippingDeps, order: NonNullable<Awaited<ReturnType<typeof findOrderRow>>>, plan: WarehouseShipmentPlan, options: BoxedOptions): Promise<Shopped> {
  const preference = JSON.parse(order.shipping) as { strategy: Strategy; carrier: string | null; service: string | null };
  const carrierName = options.carrier ?? preference.carrier;
  const service = options.service ?? (options.carrier ? null : preference.service);
  const strategy = options.strategy ?? preference.strategy;
  const carriers = carrierName ? [deps.carriers.get(carrierName)].filter((c) => c !== undefined) : deps.carriers.all;
  if (carrierName && carriers.length === 0) throw validationError([{ path: 'carrier', message: `is not an enabled carrier (enabled: ${deps.carriers.names.join(', ')})` }]);
  const destination = destinationOf(order);
  const { quotes, errors } = await quoteRates(carriers, deps.settings.rules, {
    origin: plan.origin,
    destination,
    parcels: plan.parcels,
    currency: order.currency,
    shipDate: deps.clock.now(),
    ...(service ? { services: [service] } : {}),
  });
  const result = rateShop(
    strategy,
    quotes,
    deps.settings.rules,
    { destinationCountry: destination.country, heaviestParcelGrams: Math.max(0, ...plan.parcels.map((p) => p.weight_grams)), currency: order.currency },
    promisedDateOf(order, deps.settings.promiseDays),
  );
  if (result.choice === null) throw new NoRateError(plan.warehouse.code, errors);
  return { plan, choice: result.choice, strategy, notes: result.notes };
}

type BoxedOptions = Omit<BuyOptions, 'actor' | 'lines'>;

async function openShipments(trx: Trx, deps: ShippingDeps, orderId: string, shopped: readonly Shopped[], options: BuyOptions): Promise<Shipment[]> {
  const now = isoTime(deps.clock.now());
  if (!(await lockOrder(trx, orderId, now))) throw new AppError('not_found', `Order ${orderId} was not found`);
  const order = (await findOrderRow(trx, orderId))!;
  if (!SHIPPABLE.includes(order.status as OrderStatus)) {
    throw new AppError('invalid_transition', `An order that is ${order.status} cannot ship`, { from: order.status, to: 'shipped', allowed: [] });
  }
  // Planned outside the transaction: make sure the same units are still waiting.
  const again = await planShipments(trx, { boxes: deps.boxes, shopName: deps.shopName }, orderId, options.lines);
  const key = (plans: readonly WarehouseShipmentPlan[]) => JSON.stringify(plans.map((p) => [p.warehouse.id, p.lines]));
  if (key(again) !== key(shopped.map((s) => s.plan))) throw new AppError('conflict', 'The order changed while its labels were being priced; try again');
  const opened: Shipment[] = [];
  for (const s of shopped) {
    const q = s.choice.quote;
    const { shipment, rateShopId } = await openShipment(
      trx,
      deps.ids,
      {
        orderId,
        warehouseId: s.plan.warehouse.id,
        kind: 'outbound',
        strategy: s.strategy,
        quote: q,
        notes: s.notes,
        parcels: s.plan.parcels,
        lines: s.plan.lines,
        origin: s.plan.origin,
        destination: destinationOf(order),
      },
      now,
    );
    const id = shipment.id;
    await insertOrderEvent(trx, deps.ids, orderId, {
      type: 'shipment.rate_chosen',
      actor: options.actor,
      at: now,
      data: { shipment_id: id, warehouse: s.plan.warehouse.code, carrier: q.carrier, service: q.service, amount: q.amount, currency: q.currency, strategy: s.strategy, reason: s.choice.reason, rate_shop_id: rateShopId },
    });
    opened.push(shipment);
  }
  return opened;
}

/**
 * One document for the shipment's labels, made before the transaction that records them. If the
 * carrier's labels cannot be combined, the first is kept as it came (and the rest logged): the label
 * is bought and paid for, so failing here would make a retry buy a second one.
 */
async function printableLabel(deps: ShippingDeps, shipment: Shipment, labels: readonly LabelDocument[]): Promise<LabelDocument> {
  try {
    return await combineLabels(labels);
  } catch (error) {
    deps.logger.error({ err: error, shipment: shipment.id, types: labels.map((l) => l.contentType) }, 'carrier labels could not be combined; keeping the first');
    return labels[0]!;
  }
}

async function recordLabel(trx: Trx, deps: ShippingDeps, shipment: Shipment, result: LabelResult, label: LabelDocument | null, actor: string): Promise<void> {
  const now = deps.clock.now();
  const at = isoTime(now);
  if (!result.ok) {
    await updateShipment(trx, shipment.id, { label_state: 'failed', label_error: `${result.code}: ${result.message}`, updated_at: at });
    await insertOrderEvent(trx, deps.ids, shipment.order_id, { type: 'shipment.label_failed', actor, at, data: { shipment_id: shipment.id, carrier: shipment.carrier, code: result.code, message: result.message } });
    await trx.updateTable('orders').set({ attention: JSON.stringify({ reason: 'label_failed', since: at, shipment_id: shipment.id }), updated_at: at }).where('id', '=', shipment.order_id).execute();
    return;
  }
  const carrier = deps.carriers.get(shipment.carrier)!;
  if (label === null) throw new Error(`shipment ${shipment.id}: a bought label without its document`);
  // The order first, as cancellations and the void job lock it (one lock order, no deadlock); see voidIfCancelled.
  if (shipment.kind === 'outbound') await lockOrder(trx, shipment.order_id, at);
  const transitDays = carrier.services.find((s) => s.code === shipment.service)?.transitDays ?? null;
  const carrierEta = result.estimatedDelivery ?? (result.estimatedDeliveryDate ? endOfDayUtc(result.estimatedDeliveryDate) : null);
  const eta = carrierEta ?? shipment.estimated_delivery ?? (transitDays === null ? null : endOfDayUtc(addBusinessDays(now, transitDays)));
  const packages = shipment.packages.map((p, i) => ({ ...p, tracking_number: result.packages[i]?.trackingNumber ?? result.trackingNumber }));
  await updateShipment(trx, shipment.id, {
    label_state: 'purchased',
    label_error: null,
    tracking_number: result.trackingNumber,
    tracking_url: carrier.trackingUrl(result.trackingNumber),
    carrier_reference: result.carrierReference,
    label_content_type: label.contentType,
    label_data: label.data.toString('base64'),
    packages: JSON.stringify(packages),
    amount: result.amount ?? shipment.amount,
    currency: result.currency ?? shipment.currency,
    estimated_delivery: eta,
    eta_source: carrierEta !== null || shipment.eta_source === 'carrier' ? 'carrier' : eta === null ? null : 'transit_days',
    promised_delivery: eta,
    last_update_at: at,
    next_poll_at: new Date(now.getTime() + deps.settings.pollAfterMinutes * 60_000).toISOString(),
    updated_at: at,
  });
  await recordTrackingNumbers(trx, shipment.carrier, shipment.id, [result.trackingNumber, ...result.packages.map((p) => p.trackingNumber)]);
  // Carriers that push only subscribed numbers are asked to, in a job (retried; polling covers the gap).
  if (carrier.subscribe !== undefined) await deps.enqueue(trx, { type: SUBSCRIBE_TRACKING_JOB, payload: { shipment_id: shipment.id }, dedupeKey: `shipment:${shipment.id}:subscribe` });
  await insertOrderEvent(trx, deps.ids, shipment.order_id, {
    type: 'shipment.label_created',
    actor,
    at,
    data: { shipment_id: shipment.id, carrier: shipment.carrier, service: shipment.service, tracking_number: result.trackingNumber, packages: packages.length, estimated_delivery: eta },
  });
  await voidIfCancelled(trx, deps, shipment);
}

/**
 * A label whose purchase was in flight while the order (or this parcel's units) was cancelled: the
 * cancellation's void job could not void it then, so one more is enqueued now that it is recorded.
 * recordLabel holds the order's lock: a cancellation or its void job that committed meanwhile is seen.
 */
async function voidIfCancelled(trx: Trx, deps: ShippingDeps, shipment: Shipment): Promise<void> {
  if (shipment.kind !== 'outbound') return;
  const order = await findOrderRow(trx, shipment.order_id);
  const current = await findShipment(trx, shipment.id);
  if (order?.status === 'cancelled' || current?.status === 'cancelled') await enqueueVoidLabels(trx, deps, shipment.order_id, `shipment:${shipment.id}:void-label`);
}

/** Calls the carrier for a `purchasing` shipment and records the answer. Retryable failures are rethrown. */
async function purchase(deps: ShippingDeps, shipment: Shipment, actor: string): Promise<Shipment> {
  const carrier = deps.carriers.get(shipment.carrier);
  let result: LabelResult;
  if (carrier === undefined) result = { ok: false, code: 'carrier_disabled', message: `${shipment.carrier} is no longer enabled` };
  else {
    try {
      result = await carrier.createLabel({
        origin: shipment.origin,
        destination: shipment.destination,
        parcels: shipment.packages,
        service: shipment.service,
        currency: shipment.currency ?? 'USD',
        shipDate: deps.clock.now(),
        reference: shipment.id,
      });
    } catch (error) {
      if (error instanceof CarrierError && !error.retryable) result = { ok: false, code: error.status === null ? 'carrier_error' : `http_${error.status}`, message: error.message };
      else throw error;
    }
  }
  const label = result.ok ? await printableLabel(deps, shipment, result.packages.map((p) => p.label)) : null;
  await transactionWithRetry(deps.db, async (trx) => {
    const current = await findShipment(trx, shipment.id);
    if (current?.label_state === 'purchasing') await recordLabel(trx, deps, current, result, label, actor);
  });
  return (await findShipment(deps.db, shipment.id))!;
}

/** Buys every label still `purchasing` for the order (left by a crash or a carrier outage). */
export async function resumePurchases(deps: ShippingDeps, orderId: string, actor: string): Promise<Shipment[]> {
  const pending = (await shipmentsOfOrder(deps.db, orderId)).filter((s) => s.label_state === 'purchasing');
  const done: Shipment[] = [];
  for (const s of pending) done.push(await purchase(deps, s, actor));
  return done;
}

/** Rate-shops and buys labels for what is waiting (or `options.lines`); the shipments it made. */
export async function buyShipments(deps: ShippingDeps, orderId: string, options: BuyOptions): Promise<Shipment[]> {
  const resumed = await resumePurchases(deps, orderId, options.actor);
  const order = await findOrderRow(deps.db, orderId);
  if (order === null) throw new AppError('not_found', `Order ${orderId} was not found`);
  const plans = await deps.db.transaction().execute((trx) => planShipments(trx, { boxes: deps.boxes, shopName: deps.shopName }, orderId, options.lines));
  if (plans.length === 0) return resumed;
  const shopped: Shopped[] = [];
  for (const plan of plans) shopped.push(await shop(deps, order, plan, options));
  const opened = await transactionWithRetry(deps.db, (trx) => openShipments(trx, deps, orderId, shopped, options));
  const bought: Shipment[] = [...resumed];
  for (const s of opened) bought.push(await purchase(deps, s, options.actor));
  return bought;
}

