/**
 * The parcels of a portal order as the page shows them: a heading for each (outbound parcels
 * numbered among themselves, return parcels among theirs), their scans flattened to the tracking
 * page's shape, and the map's route of each. Pure.
 */
import type { PortalShipment } from '../../api/index.js';
import type { ScanEvent } from '../../track/EventList.js';
import type { LatLng, MapRoute } from '../../track/TrackingMap.js';

export interface Parcel {
  /** Stable within the page (the portal shows no shipment ids): the tracking number, else kind and place. */
  key: string;
  heading: string;
  shipment: PortalShipment;
  scans: Array<ScanEvent & { latitude: number | null; longitude: number | null }>;
}

export function parcelsOf(shipments: readonly PortalShipment[]): Parcel[] {
  const outbound = shipments.filter((s) => s.kind === 'outbound').length;
  const returns = shipments.length - outbound;
  const seen = { outbound: 0, return: 0 };
  return shipments.map((shipment, index) => {
    const n = ++seen[shipment.kind];
    const heading =
      shipment.kind === 'return' ? (returns > 1 ? `Return parcel ${n} of ${returns}` : 'Return parcel') : outbound > 1 ? `Parcel ${n} of ${outbound}` : 'Your parcel';
    const scans = shipment.events.map((e) => ({
      status: e.status,
      description: e.description,
      occurred_at: e.occurred_at,
      city: e.location?.city ?? null,
      region: e.location?.region ?? null,
      country: e.location?.country ?? null,
      latitude: e.latitude,
      longitude: e.longitude,
    }));
    return { key: shipment.tracking_number ?? `${shipment.kind}-${index}`, heading, shipment, scans };
  });
}

/** Each parcel's route of scans (oldest first) and where it is now: its newest scan with a place. */
export function routesOf(parcels: readonly Parcel[]): MapRoute[] {
  return parcels.map((p) => {
    const points = [...p.scans]
      .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at))
      .filter((s) => s.latitude !== null && s.longitude !== null)
      .map((s): LatLng => [s.latitude!, s.longitude!]);
    return { id: p.key, label: p.heading, points, current: points.at(-1) ?? null };
  });
}
