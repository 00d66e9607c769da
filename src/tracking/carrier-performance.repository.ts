import { Type } from '@sinclair/typebox';
import type { Executor } from '../platform/db/database.js';
import type { CarrierAddress } from '../shipping/index.js';
import { carrierPerformance } from './carrier-performance.js';

const Row = Type.Object({
  carrier: Type.String(),
  service: Type.Union([Type.String(), Type.Null()]),
  lane: Type.Union([Type.String(), Type.Null()], { description: 'origin region → destination region' }),
  shipments: Type.Integer(),
  delivered: Type.Integer(),
  on_time_rate: Type.Union([Type.Number(), Type.Null()]),
  mean_transit_days: Type.Union([Type.Number(), Type.Null()]),
  p90_transit_days: Type.Union([Type.Number(), Type.Null()]),
  exception_rate: Type.Number(),
});

export const CarrierPerformanceSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  carriers: Type.Array(Row),
  services: Type.Array(Row),
  lanes: Type.Array(Row),
});

const regionOf = (a: CarrierAddress) => (a.region ? `${a.country}-${a.region}` : a.country);

/** Outbound shipments that left within [from, to]. */
export async function carrierPerformanceOf(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('shipments')
    .select(['carrier', 'service', 'origin', 'destination', 'shipped_at', 'delivered_at', 'promised_delivery', 'had_incident'])
    .where('kind', '=', 'outbound')
    .where('shipped_at', '>=', from)
    .where('shipped_at', '<=', to)
    .execute();
  return {
    from,
    to,
    ...carrierPerformance(
      rows.map((r) => ({
        carrier: r.carrier,
        service: r.service,
        originRegion: regionOf(JSON.parse(r.origin) as CarrierAddress),
        destinationRegion: regionOf(JSON.parse(r.destination) as CarrierAddress),
        shippedAt: r.shipped_at!,
        deliveredAt: r.delivered_at,
        promisedDelivery: r.promised_delivery,
        hadIncident: Number(r.had_incident) === 1,
      })),
    ),
  };
}
