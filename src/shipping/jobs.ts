/**
 * The processing pipeline's last step (flow 2 of DESIGN.md): after the invoice, buy the labels (one
 * shipment per warehouse) and move the order to `ready_to_ship`. A carrier outage retries the job
 * with backoff (and ends in the dead letters, visible, if it lasts); a shipment the rules leave no
 * carrier for, or a label the carrier refuses, raises attention for a person instead. A cancelled
 * order buys nothing (only `processing` buys, and openShipments checks again under the order's
 * lock); the labels a cancellation made useless are voided by void-labels.ts.
 */
import { findOrderRow, insertOrderEvent, lockOrder, setOrderStatus, afterOrderStatusChange } from '../orders/index.js';
import { isoTime } from '../platform/clock.js';
import type { Trx } from '../platform/db/database.js';
import type { JobContext, JobHandlers } from '../platform/jobs/types.js';
import { buyShipments, NoRateError } from './buy-shipments.js';
import { planShipments } from './shipment-plan.js';
import { shipmentsOfOrder } from './shipment.repository.js';
import type { ShippingDeps } from './shipping-deps.js';
import { VOID_LABELS_JOB, voidLabelsJob } from './void-labels.js';

export const shippingJobs = { buyLabels: 'shipping.buy-labels', voidLabels: VOID_LABELS_JOB } as const;
const ACTOR = 'system:shipping';

/** processing → ready_to_ship once every waiting unit is in a bought label. */
export async function markReadyToShip(trx: Trx, deps: ShippingDeps, orderId: string, actor: string): Promise<void> {
  const now = isoTime(deps.clock.now());
  if (!(await lockOrder(trx, orderId, now))) return;
  const order = (await findOrderRow(trx, orderId))!;
  if (order.status !== 'processing') return;
  // A parcel a partial cancellation emptied is no longer the order's: it neither holds this back nor counts as bought.
  const shipments = (await shipmentsOfOrder(trx, orderId)).filter((s) => s.kind === 'outbound' && s.status !== 'cancelled');
  if (shipments.some((s) => s.label_state === 'purchasing') || !shipments.some((s) => s.label_state === 'purchased')) return;
  if ((await planShipments(trx, { boxes: deps.boxes, shopName: deps.shopName }, orderId)).length > 0) return;
  if (!(await setOrderStatus(trx, orderId, 'processing', 'ready_to_ship', now))) return;
  await insertOrderEvent(trx, deps.ids, orderId, { type: 'order.status_changed', actor, at: now, data: { from: 'processing', to: 'ready_to_ship' } });
  await afterOrderStatusChange(trx, deps.orders, orderId, 'ready_to_ship');
}

async function buyLabels(ctx: JobContext, deps: ShippingDeps): Promise<void> {
  const orderId = ctx.job.payload.order_id;
  if (typeof orderId !== 'string') throw new Error(`job ${ctx.job.id} has no order_id`);
  const order = await findOrderRow(deps.db, orderId);
  if (order === null || order.status !== 'processing') return;
  try {
    await buyShipments(deps, orderId, { actor: ACTOR });
  } catch (error) {
    // Carriers that failed may answer next time: retry. None quoting what the rules allow will not.
    if (!(error instanceof NoRateError) || error.errors.length > 0) throw error;
    await ctx.complete(async (trx) => {
      const now = isoTime(deps.clock.now());
      await trx.updateTable('orders').set({ attention: JSON.stringify({ reason: 'no_carrier_available', since: now }), updated_at: now }).where('id', '=', orderId).execute();
      await insertOrderEvent(trx, deps.ids, orderId, { type: 'shipment.no_rate', actor: ACTOR, at: now, data: { warehouse: error.warehouse, message: error.message } });
    });
    return;
  }
  await ctx.complete((trx) => markReadyToShip(trx, deps, orderId, ACTOR));
}

export function shippingJobHandlers(deps: ShippingDeps): JobHandlers {
  return { [shippingJobs.buyLabels]: (ctx) => buyLabels(ctx, deps), [shippingJobs.voidLabels]: (ctx) => voidLabelsJob(ctx, deps) };
}
