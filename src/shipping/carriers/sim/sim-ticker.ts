/**
 * The sim's push: scans that came due are sent to Waybill as signed webhooks over real HTTP, one
 * delivery per parcel with every scan due since the last one. A parcel advances only when Waybill
 * answered 2xx, so a failed push is sent again on the next tick (with the same delivery id, which
 * Waybill deduplicates).
 */
import type { SimSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { wireEvent, type SimWebhookBody } from './sim-events.js';
import { signSimPayload, SIM_SIGNATURE_HEADER } from './sim-signature.js';
import { dueSimParcels, markScansSent, scanTime, type SimParcel } from './sim-store.js';

export interface SimTickerDeps {
  db: Db;
  clock: Clock;
  settings: SimSettings;
  /** `…/webhooks/carriers/sim` of a Waybill server. */
  webhookUrl: string;
}

const BATCH = 200;
const PARALLEL = 16;
const TIMEOUT_MS = 5_000;

async function push(deps: SimTickerDeps, parcel: SimParcel, now: string): Promise<boolean> {
  let sent = parcel.sentScans;
  while (sent < parcel.scans.length && scanTime(parcel, parcel.scans[sent]!) <= now) sent++;
  if (sent === parcel.sentScans) return false;
  const body: SimWebhookBody = {
    delivery_id: `${parcel.trackingNumber}:${parcel.sentScans}-${sent}`,
    tracking_number: parcel.trackingNumber,
    estimated_delivery: parcel.eta,
    events: parcel.scans.slice(parcel.sentScans, sent).map((scan, i) => wireEvent(parcel, scan, parcel.sentScans + i)),
  };
  const text = JSON.stringify(body);
  const response = await fetch(deps.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: signSimPayload(deps.settings.webhookSecret, text, deps.clock.now()) },
    body: text,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`Waybill answered ${response.status} to the sim's webhook`);
  return markScansSent(deps.db, parcel, sent);
}

/** Pushes every due scan; the number of deliveries Waybill accepted. Failures wait for the next tick. */
export async function advanceSim(deps: SimTickerDeps): Promise<{ delivered: number; failed: number }> {
  const now = deps.clock.now().toISOString();
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const due = await dueSimParcels(deps.db, now, BATCH);
    if (due.length === 0) break;
    let progressed = 0;
    for (let i = 0; i < due.length; i += PARALLEL) {
      const results = await Promise.allSettled(due.slice(i, i + PARALLEL).map((p) => push(deps, p, now)));
      for (const r of results) {
        if (r.status === 'rejected') failed++;
        else if (r.value) {
          delivered++;
          progressed++;
        }
      }
    }
    if (progressed === 0 || due.length < BATCH) break;
  }
  return { delivered, failed };
}
