/**
 * `GET /sim/track/{number}`: the simulated carrier's public tracking page — what the sim's tracking
 * links open, as a real carrier's site would. It shows the sim's own view of the parcel.
 */
import { Type } from '@sinclair/typebox';
import { notFound } from '../platform/errors.js';
import { problemResponses } from '../platform/http/schemas.js';
import type { App } from '../platform/http/types.js';
import type { TrackingDeps } from './tracking-deps.js';

export function simTrackingRoutes(deps: TrackingDeps) {
  return async (app: App) => {
    app.get(
      '/sim/track/:number',
      {
        config: { access: 'public' },
        schema: {
          tags: ['tracking'],
          summary: "The sim carrier's public tracking of one of its numbers",
          security: [],
          params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: Type.Object({ tracking_number: Type.String(), estimated_delivery: Type.Union([Type.String(), Type.Null()]), events: Type.Array(Type.Object({ code: Type.String(), description: Type.String(), occurred_at: Type.String(), city: Type.Union([Type.String(), Type.Null()]), country: Type.Union([Type.String(), Type.Null()]) })) }), ...problemResponses },
        },
      },
      async (request) => {
        const sim = deps.carriers.get('sim');
        if (sim === undefined) throw notFound('The sim carrier');
        const [result] = await sim.track([request.params.number]);
        if (result === undefined || !result.found) throw notFound(`Sim parcel ${request.params.number}`);
        return {
          tracking_number: result.trackingNumber,
          estimated_delivery: result.estimatedDelivery,
          events: result.events.map((e) => ({ code: e.code, description: e.description, occurred_at: e.occurredAt, city: e.location?.city ?? null, country: e.location?.country ?? null })),
        };
      },
    );
  };
}
