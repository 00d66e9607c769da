/**
 * One map for the whole order (Leaflet, loaded lazily as on the tracking page): each parcel's route
 * of scans and where it is now, and the destination; under it, its text alternative, the "Last
 * scan" of each parcel.
 */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../shared/ErrorBoundary.js';
import { LastScans } from '../../track/LastScans.js';
import type { LatLng } from '../../track/TrackingMap.js';
import { useStableValue } from '../../track/useStableValue.js';
import { routesOf, type Parcel } from './parcels.js';

const TrackingMap = lazy(() => import('../../track/TrackingMap.js'));

/** The portal's own blue (styles.css --link): readable on the pale base map. */
const ROUTE_COLOUR = '#0969da';

export function OrderMap({ parcels, destination, city }: { parcels: readonly Parcel[]; destination: LatLng | null; city: string }) {
  // A live reload brings new objects: the map is redrawn only when a route actually changed.
  const routes = useStableValue(routesOf(parcels));
  const stableDestination = useStableValue(destination);
  const lastScans = parcels.map((p) => ({ id: p.key, label: parcels.length > 1 ? p.heading : null, scans: p.scans }));
  return (
    <section className="card track-map-card" aria-labelledby="map-heading">
      <h3 id="map-heading">Where your parcels are</h3>
      <ErrorBoundary fallback={<p className="muted">The map could not be shown; the updates of each parcel list where it has been.</p>}>
        <Suspense fallback={<div className="tracking-map tracking-map-loading">Loading the map…</div>}>
          <TrackingMap routes={routes} destination={stableDestination} colour={ROUTE_COLOUR} label={`Map of the route to ${city}`} describedBy="last-scans" />
        </Suspense>
      </ErrorBoundary>
      <LastScans id="last-scans" parcels={lastScans} />
    </section>
  );
}
