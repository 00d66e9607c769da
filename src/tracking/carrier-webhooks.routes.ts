/**
 * `POST /webhooks/carriers/{carrier}`: tracking pushed by carriers (and by the sim, the same way).
 * The carrier's signature or shared secret is checked on the exact bytes that arrived (a bad one
 * answers 401 and writes nothing); a redelivery (same delivery id) answers 200 and changes nothing;
 * each event is stored once per shipment however often it is sent.
 */
import { Type } from '@sinclair/typebox';
import { transactionWithRetry } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import { ingestTracking } from './ingest-tracking.js';
import type { TrackingDeps } from './tracking-deps.js';

export function carrierWebhookRoutes(deps: TrackingDeps) {
  return async (app: App) => {
    // The signature covers the raw bytes: parse nothing before the carrier adapter has checked them.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(
      '/webhooks/carriers/:carrier',
      {
        config: { access: 'public' },
        schema: {
          tags: ['tracking'],
          summary: 'Tracking events from a carrier (signature or secret checked, deduplicated)',
          params: Type.Object({ carrier: Type.String({ minLength: 1, maxLength: 40 }) }),
          response: {
            200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean(), stored: Type.Integer(), unmatched: Type.Integer() }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const carrier = deps.carriers.get(request.params.carrier);
        if (carrier === undefined) throw notFound(`Carrier ${request.params.carrier}`);
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const parsed = carrier.parseWebhook(raw, request.headers);
        if (!parsed.valid) throw new AppError('unauthorized', 'The webhook signature or secret is missing or does not match');
        const { delivery } = parsed;
        return transactionWithRetry(deps.db, async (trx) => {
          const now = deps.clock.now().toISOString();
          const recorded = await trx
            .insertInto('carrier_webhook_deliveries')
            .values({ carrier: carrier.name, delivery_id: delivery.deliveryId.slice(0, 200), received_at: now })
            .onConflict((oc) => oc.doNothing())
            .returning('delivery_id')
            .execute();
          if (recorded.length === 0) return { received: true, duplicate: true, stored: 0, unmatched: 0 };
          const result = await ingestTracking(trx, deps, carrier.name, delivery.updates, 'webhook', `webhook:${carrier.name}`);
          return { received: true, duplicate: false, stored: result.stored, unmatched: result.unmatched };
        });
      },
    );
  };
}
