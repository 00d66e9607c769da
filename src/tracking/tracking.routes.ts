/**
 * Tracking routes: poll a shipment now, record a manual scan (the hand-over at the dock is one),
 * the public tracking JSON behind the tracking page, carrier performance, and the sim's own
 * public tracking page (what its tracking links open).
 */
import { Type } from '@sinclair/typebox';
import { AppError, notFound } from '../platform/errors.js';
import { principalLabel } from '../platform/http/auth.js';
import { replyIdempotent } from '../platform/http/idempotency.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { findShipment, ManualScanBody, ShipmentIdParams, ShipmentSchema, shipmentViewOrThrow, type CarrierEvent } from '../shipping/index.js';
import { carrierPerformanceOf, CarrierPerformanceSchema } from './carrier-performance.repository.js';
import { ingestTracking } from './ingest-tracking.js';
import { pollShipments } from './poll-tracking.js';
import { publicTracking, PublicTrackingSchema } from './public-tracking.js';
import type { TrackingDeps } from './tracking-deps.js';

const tags = ['tracking'];

export function trackingRoutes(deps: TrackingDeps) {
  const viewOf = (id: string) => shipmentViewOrThrow(deps.db, id, deps.publicUrl);
  const { branding } = deps;
  const shop = { name: deps.shopName, logo_url: branding.logoUrl, website_url: branding.websiteUrl, primary_color: branding.primaryColor, accent_color: branding.accentColor };

  return async (app: App) => {
    app.post(
      '/shipments/:id/refresh',
      { config: { access: 'operator' }, schema: { tags, summary: 'Ask the carrier about this shipment now', params: ShipmentIdParams, response: { 200: ShipmentSchema, ...problemResponses } } },
      async (request) => {
        const s = await findShipment(deps.db, request.params.id);
        if (s === null) throw notFound(`Shipment ${request.params.id}`);
        if (s.label_state !== 'purchased' || s.tracking_number === null) throw new AppError('conflict', `The shipment has no label to track (${s.label_state})`);
        const carrier = deps.carriers.get(s.carrier);
        if (carrier === undefined) throw new AppError('conflict', `${s.carrier} is not enabled any more`);
        await pollShipments(deps, carrier, [s]);
        return viewOf(s.id);
      },
    );

    app.post(
      '/shipments/:id/events',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Record a scan by hand (hand-over to the carrier, a delivery the carrier did not report…)',
          description: 'Honours Idempotency-Key: a scan sent again after its answer was lost is recorded once.',
          params: ShipmentIdParams,
          body: ManualScanBody,
          response: { 201: ShipmentSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const s = await findShipment(deps.db, request.params.id);
        if (s === null) throw notFound(`Shipment ${request.params.id}`);
        if (s.label_state !== 'purchased' || s.tracking_number === null) throw new AppError('conflict', `The shipment has no label (${s.label_state})`);
        const body = request.body;
        const occurredAt = body.occurred_at === undefined ? deps.clock.now().toISOString() : new Date(body.occurred_at).toISOString();
        if (Date.parse(occurredAt) > deps.clock.now().getTime() + 5 * 60_000) throw new AppError('validation_failed', 'occurred_at is in the future', { errors: [{ path: 'occurred_at', message: 'is in the future' }] });
        const event: CarrierEvent = {
          eventId: deps.ids.new('tev'),
          trackingNumber: s.tracking_number,
          code: 'MANUAL',
          description: body.description ?? (body.status === 'in_transit' && s.shipped_at === null ? 'Handed over to the carrier' : `Recorded by hand: ${body.status}`),
          occurredAt,
          location: body.location ? { city: body.location.city, region: body.location.region ?? null, postal_code: body.location.postal_code ?? null, country: body.location.country } : null,
          status: body.status,
          reason: body.reason ?? null,
          signedBy: body.signed_by ?? null,
          proofOfDelivery: null,
          raw: { by: principalLabel(request.principal), ...body },
        };
        // Each request draws its own event id, so only the key tells a retry from a second scan.
        return replyIdempotent(deps, request, reply, `POST /shipments/${s.id}/events`, async (trx) => {
          await ingestTracking(trx, deps, s.carrier, [{ trackingNumber: s.tracking_number!, events: [event], estimatedDelivery: null }], 'manual', principalLabel(request.principal));
          return { status: 201, body: await shipmentViewOrThrow(trx, s.id, deps.publicUrl) };
        });
      },
    );

    app.get(
      '/track/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "Public tracking of an order by its tracking token (no personal data beyond city level)",
          security: [],
          params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: { 200: PublicTrackingSchema, ...problemResponses },
        },
      },
      async (request) => {
        const answer = await publicTracking(deps.db, deps.carriers, shop, request.params.token);
        if (answer === null) throw notFound('Tracking');
        return answer;
      },
    );

    app.get(
      '/analytics/carriers',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          summary: 'On-time rate, mean and p90 transit days, exception rate per carrier, service and lane',
          querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) }),
          response: { 200: CarrierPerformanceSchema, ...problemResponses },
        },
      },
      async (request) => {
        const to = request.query.to === undefined ? deps.clock.now() : new Date(request.query.to);
        const from = request.query.from === undefined ? new Date(to.getTime() - 90 * 86_400_000) : new Date(request.query.from);
        if (from > to) throw new AppError('validation_failed', 'from is after to', { errors: [{ path: 'from', message: 'must not be after to' }] });
        return carrierPerformanceOf(deps.db, from.toISOString(), to.toISOString());
      },
    );
  };
}
