/**
 * What the public tracking page shows for an order's token: status, ETA, events and coordinates for
 * the map — and nothing personal beyond city level (no name, street, postal code or signer).
 */
import type { Executor } from '../platform/db/database.js';
import { locate } from '../platform/geo/gazetteer.js';
import { shipmentsOfOrder, trackingEventsOf, trackingEventView, type Carriers } from '../shipping/index.js';
import { Type, type Static } from '@sinclair/typebox';

const Point = Type.Object({ latitude: Type.Number(), longitude: Type.Number() });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PublicTrackingSchema = Type.Object({
  order_number: Type.String(),
  status: Type.String(),
  shop: Type.Object({
    name: Type.String(),
    logo_url: Nullable(Type.String()),
    website_url: Nullable(Type.String()),
    primary_color: Type.String({ description: 'CSS hex colour, #rrggbb' }),
    accent_color: Type.String({ description: 'CSS hex colour, #rrggbb' }),
  }),
  estimated_delivery: Nullable(Type.String()),
  destination: Type.Object({ city: Type.String(), region: Nullable(Type.String()), country: Type.String(), latitude: Type.Union([Type.Number(), Type.Null()]), longitude: Type.Union([Type.Number(), Type.Null()]) }),
  shipments: Type.Array(
    Type.Object({
      id: Type.String(),
      carrier: Type.String(),
      carrier_name: Type.String(),
      service: Type.String(),
      tracking_number: Nullable(Type.String()),
      tracking_url: Nullable(Type.String()),
      status: Type.String(),
      incident_reason: Nullable(Type.String()),
      estimated_delivery: Nullable(Type.String()),
      shipped_at: Nullable(Type.String()),
      delivered_at: Nullable(Type.String()),
      origin: Type.Object({ city: Type.String(), region: Nullable(Type.String()), country: Type.String() }),
      events: Type.Array(
        Type.Object({
          status: Type.String(),
          reason: Nullable(Type.String()),
          description: Type.String(),
          occurred_at: Type.String(),
          city: Nullable(Type.String()),
          region: Nullable(Type.String()),
          country: Nullable(Type.String()),
          latitude: Type.Union([Type.Number(), Type.Null()]),
          longitude: Type.Union([Type.Number(), Type.Null()]),
        }),
      ),
      /** The scans' places in time order, for the map's line. */
      route: Type.Array(Point),
      current_position: Type.Union([Point, Type.Null()]),
    }),
  ),
});
export type PublicTracking = Static<typeof PublicTrackingSchema>;

/** Who the shop is on the page: name and branding (config.shop, config.notifications.branding). */
export type PublicShop = PublicTracking['shop'];

export async function publicTracking(db: Executor, carriers: Carriers, shop: PublicShop, token: string): Promise<PublicTracking | null> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const order = await db.selectFrom('orders').select(['id', 'number', 'status', 'shipping_address']).where('tracking_token', '=', token).executeTakeFirst();
  if (order === undefined) return null;
  const address = JSON.parse(order.shipping_address) as { city: string; region?: string | null; country: string };
  const place = locate(address.country, address.city, address.region ?? null);
  const shipments = (await shipmentsOfOrder(db, order.id)).filter((s) => s.kind === 'outbound' && s.label_state === 'purchased');
  const events = await trackingEventsOf(db, shipments.map((s) => s.id));
  const views = shipments.map((s) => {
    const scans = (events.get(s.id) ?? []).map(trackingEventView);
    const route = scans.filter((e) => e.latitude !== null && e.longitude !== null).map((e) => ({ latitude: e.latitude!, longitude: e.longitude! }));
    return {
      id: s.id,
      carrier: s.carrier,
      carrier_name: carriers.get(s.carrier)?.displayName ?? s.carrier,
      service: s.service,
      tracking_number: s.tracking_number,
      tracking_url: s.tracking_url,
      status: s.status,
      incident_reason: s.incident_reason,
      estimated_delivery: s.estimated_delivery,
      shipped_at: s.shipped_at,
      delivered_at: s.delivered_at,
      origin: { city: s.origin.city, region: s.origin.region ?? null, country: s.origin.country },
      events: scans.map((e) => ({
        status: e.status,
        reason: e.reason,
        description: e.description,
        occurred_at: e.occurred_at,
        city: e.location?.city ?? null,
        region: e.location?.region ?? null,
        country: e.location?.country ?? null,
        latitude: e.latitude,
        longitude: e.longitude,
      })),
      route,
      current_position: route.at(-1) ?? null,
    };
  });
  const etas = views.map((v) => v.estimated_delivery).filter((e): e is string => e !== null && views.some((x) => x.status !== 'delivered'));
  return {
    order_number: order.number,
    status: order.status,
    shop,
    estimated_delivery: etas.sort().at(-1) ?? null,
    destination: { city: address.city, region: address.region ?? null, country: address.country, latitude: place?.latitude ?? null, longitude: place?.longitude ?? null },
    shipments: views,
  };
}
