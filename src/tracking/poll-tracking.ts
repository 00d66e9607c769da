/**
 * Polling: shipments that no webhook has updated for WAYBILL_POLL_AFTER_MINUTES are asked about,
 * per carrier within its request budget, in batches of what one request may carry. A poll that
 * brings nothing new (or fails) waits twice as long next time, up to a day; polling stops once the
 * shipment is delivered (or otherwise final) or WAYBILL_TRACKING_DAYS after its label.
 */
import { transactionWithRetry } from '../platform/db/database.js';
import { CarrierError, findShipment, shipmentFromRow, trackingNumbersOf, type Carrier, type Shipment, type WebhookTracking } from '../shipping/index.js';
import { ingestTracking } from './ingest-tracking.js';
import { terminalShipmentStatuses } from './shipment-status.js';
import type { TrackingDeps } from './tracking-deps.js';

const DAY_MS = 86_400_000;
const MAX_BACKOFF_MS = DAY_MS;

export function backoffMs(pollAfterMinutes: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, pollAfterMinutes * 60_000 * 2 ** Math.min(failures, 10));
}

async function dueShipments(deps: TrackingDeps, carrier: string, limit: number): Promise<Shipment[]> {
  const now = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom('shipments')
    .selectAll()
    .where('carrier', '=', carrier)
    .where('label_state', '=', 'purchased')
    .where('next_poll_at', '<=', now)
    .where('status', 'not in', [...terminalShipmentStatuses])
    .orderBy('next_poll_at')
    .limit(limit)
    .execute();
  return rows.map(shipmentFromRow);
}

async function backOff(deps: TrackingDeps, shipment: Shipment): Promise<void> {
  const now = deps.clock.now();
  const failures = shipment.poll_failures + 1;
  await deps.db
    .updateTable('shipments')
    .set({ poll_failures: failures, next_poll_at: new Date(now.getTime() + backoffMs(deps.settings.pollAfterMinutes, failures)).toISOString(), updated_at: now.toISOString() })
    .where('id', '=', shipment.id)
    .execute();
}

/** Tracks these shipments of one carrier now and records what it says; how many events were new. */
export async function pollShipments(deps: TrackingDeps, carrier: Carrier, shipments: readonly Shipment[]): Promise<number> {
  const asks = shipments.flatMap((s) => trackingNumbersOf(s).map((number) => ({ shipment: s, number })));
  const answers = new Map<string, WebhookTracking[]>();
  const failed = new Set<string>();
  for (let i = 0; i < asks.length; i += carrier.trackBatchSize) {
    const batch = asks.slice(i, i + carrier.trackBatchSize);
    try {
      const results = await carrier.track(batch.map((a) => a.number));
      batch.forEach((a, j) => {
        const r = results[j];
        if (r?.found) answers.set(a.shipment.id, [...(answers.get(a.shipment.id) ?? []), { trackingNumber: a.number, events: r.events, estimatedDelivery: r.estimatedDelivery }]);
      });
    } catch (error) {
      if (!(error instanceof CarrierError)) throw error;
      deps.logger.warn({ carrier: carrier.name, err: error.message }, 'tracking poll failed');
      for (const a of batch) failed.add(a.shipment.id);
    }
  }
  let stored = 0;
  for (const s of shipments) {
    const updates = answers.get(s.id);
    if (updates === undefined) {
      await backOff(deps, s);
      continue;
    }
    const outcome = await transactionWithRetry(deps.db, (trx) => ingestTracking(trx, deps, carrier.name, updates, 'poll', `poll:${carrier.name}`));
    stored += outcome.stored;
    if (outcome.stored === 0 || failed.has(s.id)) await backOff(deps, (await findShipment(deps.db, s.id))!);
  }
  return stored;
}

/** One polling round over every carrier; stops tracking shipments past their tracking window. */
export async function pollDueShipments(deps: TrackingDeps): Promise<{ polled: number; stored: number }> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.settings.trackingDays * DAY_MS).toISOString();
  await deps.db.updateTable('shipments').set({ next_poll_at: null }).where('next_poll_at', 'is not', null).where('created_at', '<', cutoff).execute();
  let polled = 0;
  let stored = 0;
  for (const carrier of deps.carriers.all) {
    // The budget is the carrier's requests a minute (the round runs each minute); a shipment of
    // several packages takes a number per package.
    const budget = carrier.trackRequestsPerMinute * carrier.trackBatchSize;
    const due: Shipment[] = [];
    let numbers = 0;
    for (const s of await dueShipments(deps, carrier.name, budget)) {
      numbers += trackingNumbersOf(s).length;
      if (numbers > budget && due.length > 0) break;
      due.push(s);
    }
    polled += due.length;
    stored += await pollShipments(deps, carrier, due);
  }
  return { polled, stored };
}
