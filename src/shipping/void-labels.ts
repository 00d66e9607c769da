/**
 * Giving up the labels a cancellation made useless (issue 7: "void the label if one was bought").
 *
 * The cancellation's own transaction only enqueues this job (orders cannot call a carrier, and no
 * carrier call may run inside a transaction). The job then works in three steps:
 *   1. in one transaction under the order's lock, the waiting parcels the cancellation emptied
 *      (parcels-after-cancellation.ts) become `cancelled`: from then on nothing plans, buys or
 *      ships for them, and the order's status no longer counts them; a parcel that keeps some
 *      units keeps its label, and its lines shrink to what it still carries;
 *   2. for each cancelled parcel whose label is bought, the carrier is asked to void it, outside
 *      any transaction;
 *   3. the answer is recorded: `voided` with `shipment.label_voided`, or a refusal (the parcel was
 *      picked up meanwhile, the carrier says no) with `shipment.void_failed` and the order's
 *      attention, since the shop may be charged for that label and the parcel may travel.
 * A carrier outage (a retryable CarrierError) is rethrown: the job retries, and steps 1 and 3 are
 * idempotent. A label still being bought when step 1 ran is voided by the job that recordLabel
 * (buy-shipments.ts) enqueues once the purchase is recorded.
 */
import { orderAllocations } from '../inventory/index.js';
import { findOrderRow, insertOrderEvent, lockOrder } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import { transactionWithRetry, type Executor, type Trx } from '../platform/db/database.js';
import type { Enqueue, JobContext } from '../platform/jobs/types.js';
import { CarrierError, type VoidResult } from './carriers/carrier.js';
import { parcelsAfterCancellation } from './parcels-after-cancellation.js';
import { findShipment, shipmentsOfOrder, updateShipment, type Shipment } from './shipment.repository.js';
import type { ShippingDeps } from './shipping-deps.js';

/** The job's type; orders/cancel-order.ts names it by this string (orders cannot import shipping). */
export const VOID_LABELS_JOB = 'shipping.void-labels';
const ACTOR = 'system:shipping';
/** label_error's prefix for a label the carrier would not void: such a label is not asked again. */
const VOID_REFUSED = 'void refused';

/** Enqueues the job for one reason to void (a cancellation, a label bought after one). */
export async function enqueueVoidLabels(trx: Executor, deps: { enqueue: Enqueue }, orderId: string, dedupeKey: string): Promise<void> {
  await deps.enqueue(trx, { type: VOID_LABELS_JOB, payload: { order_id: orderId }, dedupeKey });
}

/** A parcel that has not left and still holds units (bought or being bought). */
const waiting = (s: Shipment) => s.kind === 'outbound' && s.shipped_at === null && s.status !== 'cancelled' && (s.label_state === 'purchasing' || s.label_state === 'purchased');

/** Step 1: the emptied parcels become `cancelled` and the others carry what is left, each with a timeline event. */
async function settleParcels(trx: Trx, deps: ShippingDeps, orderId: string): Promise<void> {
  const now = isoTime(deps.clock.now());
  if (!(await lockOrder(trx, orderId, now))) return;
  const order = (await findOrderRow(trx, orderId))!;
  const parcels = (await shipmentsOfOrder(trx, orderId)).filter(waiting);
  if (parcels.length === 0) return;
  const open = (await orderAllocations(trx, orderId)).map((a) => ({ sku: a.sku, warehouse_id: a.warehouse_id, quantity: a.quantity - a.quantity_released - a.quantity_shipped }));
  // A wholly cancelled order keeps no parcel, whatever its allocations say.
  const { emptied, trimmed } = order.status === 'cancelled' ? { emptied: parcels.map((p) => p.id), trimmed: [] } : parcelsAfterCancellation(open, parcels);
  for (const s of parcels.filter((p) => emptied.includes(p.id))) {
    // Conditional: a first scan recorded meanwhile means the parcel left, and it is not ours to stop.
    const result = await trx.updateTable('shipments').set({ status: 'cancelled', next_poll_at: null, updated_at: now }).where('id', '=', s.id).where('status', '=', s.status).where('shipped_at', 'is', null).executeTakeFirst();
    if (result.numUpdatedRows === 0n) continue;
    await insertOrderEvent(trx, deps.ids, orderId, { type: 'shipment.status_changed', actor: ACTOR, at: now, data: { shipment_id: s.id, from: s.status, to: 'cancelled', reason: 'order_cancelled' } });
  }
  for (const t of trimmed) {
    const was = parcels.find((p) => p.id === t.id)!.lines;
    const result = await trx.updateTable('shipments').set({ lines: JSON.stringify(t.lines), updated_at: now }).where('id', '=', t.id).where('shipped_at', 'is', null).executeTakeFirst();
    if (result.numUpdatedRows === 0n) continue;
    await insertOrderEvent(trx, deps.ids, orderId, { type: 'shipment.lines_changed', actor: ACTOR, at: now, data: { shipment_id: t.id, lines: t.lines, was, reason: 'order_lines_cancelled' } });
  }
}

/** Step 2: the carrier's answer; a refusal (or a carrier no longer enabled) is a value, as in purchase(). */
async function askVoid(deps: ShippingDeps, s: Shipment): Promise<VoidResult> {
  const carrier = deps.carriers.get(s.carrier);
  if (carrier === undefined) return { ok: false, code: 'carrier_disabled', message: `${s.carrier} is no longer enabled` };
  try {
    return await carrier.voidLabel({
      trackingNumber: s.tracking_number!,
      carrierReference: s.carrier_reference,
      packageTrackingNumbers: s.packages.map((p) => p.tracking_number).filter((n): n is string => n !== null),
    });
  } catch (error) {
    if (error instanceof CarrierError && !error.retryable) return { ok: false, code: error.status === null ? 'carrier_error' : `http_${error.status}`, message: error.message };
    throw error;
  }
}

/** Step 3. */
async function recordVoid(trx: Trx, deps: ShippingDeps, shipmentId: string, result: VoidResult): Promise<void> {
  const at = isoTime(deps.clock.now());
  const s = await findShipment(trx, shipmentId);
  if (s === null || s.label_state !== 'purchased' || s.label_error !== null) return;
  if (result.ok) {
    await updateShipment(trx, s.id, { label_state: 'voided', next_poll_at: null, updated_at: at });
    await insertOrderEvent(trx, deps.ids, s.order_id, { type: 'shipment.label_voided', actor: ACTOR, at, data: { shipment_id: s.id, carrier: s.carrier, tracking_number: s.tracking_number } });
    return;
  }
  await updateShipment(trx, s.id, { label_error: `${VOID_REFUSED}: ${result.code}: ${result.message}`, updated_at: at });
  await insertOrderEvent(trx, deps.ids, s.order_id, { type: 'shipment.void_failed', actor: ACTOR, at, data: { shipment_id: s.id, carrier: s.carrier, tracking_number: s.tracking_number, code: result.code, message: result.message } });
  const attention = { reason: 'label_void_failed', since: at, shipment_id: s.id };
  await trx.updateTable('orders').set({ attention: JSON.stringify(attention), updated_at: at }).where('id', '=', s.order_id).execute();
  await insertOrderEvent(trx, deps.ids, s.order_id, { type: 'order.attention_raised', actor: ACTOR, at, data: { ...attention, code: result.code, message: result.message } });
}

/** Cancelled parcels whose bought label has not been voided nor refused yet. */
async function labelsToVoid(deps: ShippingDeps, orderId: string): Promise<Shipment[]> {
  return (await shipmentsOfOrder(deps.db, orderId)).filter(
    (s) => s.kind === 'outbound' && s.status === 'cancelled' && s.shipped_at === null && s.label_state === 'purchased' && s.label_error === null && s.tracking_number !== null,
  );
}

export async function voidLabelsJob(ctx: JobContext, deps: ShippingDeps): Promise<void> {
  const orderId = ctx.job.payload.order_id;
  if (typeof orderId !== 'string') throw new Error(`job ${ctx.job.id} has no order_id`);
  await transactionWithRetry(deps.db, (trx) => settleParcels(trx, deps, orderId));
  for (const s of await labelsToVoid(deps, orderId)) {
    const result = await askVoid(deps, s);
    await transactionWithRetry(deps.db, (trx) => recordVoid(trx, deps, s.id, result));
  }
}
