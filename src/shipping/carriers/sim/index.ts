/**
 * `sim`, Waybill's built-in carrier: what makes the whole loop run on a fresh machine. Distance-based
 * rates for ground, express and overnight; 4×6 PDF labels with a Code 128 barcode; a journey through
 * real hub cities whose clock runs `speed` times faster than real time, with configurable shares of
 * delays, failed attempts, exceptions and returns. It answers tracking requests from its own records
 * and pushes its scans to Waybill through the same signed webhook route real carriers use (the ticker,
 * `sim-ticker.ts`).
 */
import { createHash } from 'node:crypto';
import type { SimSettings } from '../../../config-shipping.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { distanceKm } from '../../../platform/geo/distance.js';
import { locate } from '../../../platform/geo/gazetteer.js';
import { header, type Carrier, type CarrierAddress, type CarrierEvent, type LabelRequest, type LabelResult, type RateRequest, type TrackResult, type WebhookParseResult } from '../carrier.js';
import { utcDate } from '../carrier-time.js';
import { planJourney } from './journey.js';
import { renderSimLabel } from './label-pdf.js';
import { quoteSim } from './rates.js';
import { simServices, transitDaysFor } from './services.js';
import { carrierEventOf, wireEvent, type SimWebhookBody } from './sim-events.js';
import { SIM_SIGNATURE_HEADER, verifySimSignature } from './sim-signature.js';
import { findSimParcelByReference, findSimParcels, insertSimParcels, scanTime, voidSimParcels, type SimParcel } from './sim-store.js';

export { advanceSim, type SimTickerDeps } from './sim-ticker.js';
export { signSimPayload, SIM_SIGNATURE_HEADER } from './sim-signature.js';
export type { SimWebhookBody } from './sim-events.js';

export interface SimCarrierDeps {
  db: Db;
  clock: Clock;
  /** Base of the sim's public tracking page (`/sim/track/{number}` on this server). */
  publicUrl: string;
}

interface Located {
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  latitude: number;
  longitude: number;
}

function located(a: CarrierAddress): Located | null {
  const place = locate(a.country, a.city, a.region ?? null);
  if (place === null) return null;
  return { city: a.city, region: a.region ?? null, postal_code: a.postal_code ?? null, country: a.country, latitude: place.latitude, longitude: place.longitude };
}

/** A tracking number that looks like one: `SIM` + 15 digits, derived from the reference (stable on retries). */
function trackingNumberFor(reference: string, seq: number): string {
  const digest = createHash('sha256').update(`${reference}:${seq}`).digest();
  return `SIM${(digest.readBigUInt64BE(0) % 10n ** 15n).toString().padStart(15, '0')}`;
}

export function createSimCarrier(settings: SimSettings, deps: SimCarrierDeps): Carrier {
  const { db, clock } = deps;

  function trip(request: Pick<RateRequest, 'origin' | 'destination'>) {
    const from = located(request.origin);
    const to = located(request.destination);
    if (from === null || to === null) return null;
    return { from, to, km: distanceKm(from, to), international: from.country !== to.country };
  }

  async function existingLabel(reference: string, count: number): Promise<SimParcel[] | null> {
    const found: SimParcel[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const parcel = await findSimParcelByReference(db, `${reference}:${seq}`);
      if (parcel === null) return null;
      found.push(parcel);
    }
    return found;
  }

  async function labels(request: LabelRequest, parcels: readonly SimParcel[]) {
    return Promise.all(
      parcels.map(async (p, i) => ({
        trackingNumber: p.trackingNumber,
        label: {
          contentType: 'application/pdf',
          data: await renderSimLabel({
            trackingNumber: p.trackingNumber,
            serviceName: simServices.find((s) => s.code === request.service)?.name ?? request.service,
            from: request.origin,
            to: request.destination,
            weightGrams: request.parcels[i]!.weight_grams,
            packageIndex: i + 1,
            packageCount: parcels.length,
            reference: request.reference,
            date: p.createdAt,
          }),
        },
      })),
    );
  }

  return {
    name: 'sim',
    displayName: 'Waybill Sim',
    services: simServices,
    trackBatchSize: 100,
    trackRequestsPerMinute: 600,

    async rate(request) {
      const t = trip(request);
      if (t === null) return { ok: false, code: 'address_unknown', message: 'the sim cannot place the origin or the destination' };
      return { ok: true, quotes: quoteSim({ distanceKm: t.km, international: t.international, parcels: request.parcels, currency: request.currency, shipDate: request.shipDate, services: request.services }) };
    },

    async createLabel(request): Promise<LabelResult> {
      const t = trip(request);
      if (t === null) return { ok: false, code: 'address_unknown', message: 'the sim cannot place the origin or the destination' };
      const service = simServices.find((s) => s.code === request.service);
      if (service === undefined) return { ok: false, code: 'unknown_service', message: `the sim has no service ${request.service}` };
      // Buying the same shipment's label again (a retry after a crash) returns the first one.
      let parcels = await existingLabel(request.reference, request.parcels.length);
      if (parcels === null) {
        const now = clock.now();
        const master = trackingNumberFor(request.reference, 1);
        const journey = planJourney({
          trackingNumber: master,
          service: service.code,
          transitDays: transitDaysFor(service.code, t.km, t.international),
          origin: t.from,
          destination: t.to,
          shares: settings.shares,
          labelCreatedAt: now,
        });
        const createdAt = now.toISOString();
        const eta = new Date(now.getTime() + Math.round(journey.etaOffsetMs / settings.speed)).toISOString();
        parcels = request.parcels.map((_, i) => ({
          trackingNumber: i === 0 ? master : trackingNumberFor(request.reference, i + 1),
          reference: `${request.reference}:${i + 1}`,
          service: service.code,
          // The parcels of a shipment travel together: the master number carries the scans.
          scans: i === 0 ? journey.scans : [],
          eta,
          speed: settings.speed,
          createdAt,
          sentScans: 0,
          voided: false,
        }));
        await insertSimParcels(db, parcels);
      }
      const master = parcels[0]!;
      return {
        ok: true,
        trackingNumber: master.trackingNumber,
        packages: await labels(request, parcels),
        amount: null,
        currency: null,
        carrierReference: null,
        estimatedDeliveryDate: utcDate(new Date(master.eta)),
        estimatedDelivery: master.eta,
      };
    },

    async voidLabel(request) {
      const numbers = [...new Set([request.trackingNumber, ...request.packageTrackingNumbers])];
      const parcels = await findSimParcels(db, numbers);
      const master = parcels.get(request.trackingNumber);
      if (master === undefined) return { ok: false, code: 'not_found', message: `the sim has no label ${request.trackingNumber}` };
      const now = clock.now().toISOString();
      // Once picked up, a label can no longer be voided (as with real carriers).
      if (master.scans.some((s, i) => i > 0 && scanTime(master, s) <= now)) return { ok: false, code: 'already_in_transit', message: 'the parcel has been picked up' };
      await voidSimParcels(db, [...parcels.keys()]);
      return { ok: true };
    },

    async track(numbers): Promise<TrackResult[]> {
      const parcels = await findSimParcels(db, numbers);
      const now = clock.now().toISOString();
      return numbers.map((n) => {
        const p = parcels.get(n);
        if (p === undefined) return { found: false, trackingNumber: n, message: 'no such sim tracking number' };
        const events = p.scans
          .map((scan, i) => ({ scan, i }))
          .filter(({ scan }) => !p.voided && scanTime(p, scan) <= now)
          .map(({ scan, i }) => carrierEventOf(n, wireEvent(p, scan, i)))
          .filter((e): e is CarrierEvent => e !== null);
        return { found: true, trackingNumber: n, events, estimatedDelivery: p.eta };
      });
    },

    parseWebhook(rawBody, headers): WebhookParseResult {
      if (!verifySimSignature(settings.webhookSecret, rawBody, header(headers, SIM_SIGNATURE_HEADER), clock.now())) return { valid: false };
      let body: SimWebhookBody;
      try {
        body = JSON.parse(rawBody.toString('utf8')) as SimWebhookBody;
      } catch {
        return { valid: false };
      }
      if (typeof body?.delivery_id !== 'string' || typeof body.tracking_number !== 'string' || !Array.isArray(body.events)) return { valid: false };
      const events = body.events.map((e) => carrierEventOf(body.tracking_number, e));
      if (events.some((e) => e === null)) return { valid: false };
      return {
        valid: true,
        delivery: {
          deliveryId: body.delivery_id,
          updates: [{ trackingNumber: body.tracking_number, events: events as CarrierEvent[], estimatedDelivery: typeof body.estimated_delivery === 'string' ? body.estimated_delivery : null }],
        },
      };
    },

    trackingUrl: (n) => `${deps.publicUrl}/sim/track/${encodeURIComponent(n)}`,
  };
}
