/**
 * Asking a carrier to push a new shipment's events (UPS Track Alert, DHL push, USPS subscriptions
 * work per number). An outage retries the job; a refusal is written on the timeline and left to
 * polling, which covers every shipment that webhooks do not.
 */
import { insertOrderEvent } from '../orders/index.js';
import type { JobContext } from '../platform/jobs/types.js';
import { findShipment, trackingNumbersOf } from '../shipping/index.js';
import type { TrackingDeps } from './tracking-deps.js';

export async function subscribeShipment(ctx: JobContext, deps: TrackingDeps): Promise<void> {
  const id = ctx.job.payload.shipment_id;
  if (typeof id !== 'string') throw new Error(`job ${ctx.job.id} has no shipment_id`);
  const shipment = await findShipment(deps.db, id);
  const carrier = shipment === null ? undefined : deps.carriers.get(shipment.carrier);
  if (shipment === null || shipment.tracking_number === null || carrier?.subscribe === undefined) return;
  const numbers = trackingNumbersOf(shipment);
  const result = await carrier.subscribe({ trackingNumbers: numbers, webhookUrl: `${deps.publicUrl}/webhooks/carriers/${carrier.name}` });
  await ctx.complete(async (trx) => {
    const at = deps.clock.now().toISOString();
    await insertOrderEvent(trx, deps.ids, shipment.order_id, {
      type: result.ok ? 'shipment.tracking_subscribed' : 'shipment.tracking_subscription_failed',
      actor: `system:tracking`,
      at,
      data: result.ok ? { shipment_id: shipment.id, carrier: carrier.name, numbers } : { shipment_id: shipment.id, carrier: carrier.name, code: result.code, message: result.message },
    });
  });
}
