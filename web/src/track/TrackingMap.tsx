/**
 * The map of the tracking page: Leaflet over the offline base map (world.ts, no tile layer), each
 * shipment's route of scans as a line, its current position as a dot, the destination city as a
 * ring. Loaded lazily (React.lazy) so that Leaflet and the country shapes are fetched only by the
 * pages that show a map. Coordinates are city-level: carriers' scans and the destination's city.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { countries } from './world.js';

export type LatLng = [number, number];

export interface MapRoute {
  id: string;
  label: string;
  points: readonly LatLng[];
  current: LatLng | null;
}

export interface TrackingMapProps {
  routes: readonly MapRoute[];
  destination: LatLng | null;
  /** Line and dot colour (readable on the pale map). */
  colour: string;
  label: string;
  /** The id of the text alternative (the "Last scan" lines beside the map). */
  describedBy?: string;
}

export default function TrackingMap({ routes, destination, colour, label, describedBy }: TrackingMapProps) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (element.current === null) return;
    const map = L.map(element.current, { worldCopyJump: false, minZoom: 1, maxZoom: 9, zoomSnap: 0.5 });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution('Natural Earth');

    // The view first: Leaflet's vector layers need a map with a view (added before one, a
    // polyline reads its renderer's bounds before they exist).
    const bounds: LatLng[] = routes.flatMap((route) => route.points);
    if (destination !== null) bounds.push(destination);
    if (bounds.length === 0) map.setView([25, 0], 1);
    else if (bounds.length === 1) map.setView(bounds[0]!, 4);
    else map.fitBounds(L.latLngBounds(bounds), { padding: [40, 40], maxZoom: 5 });

    L.geoJSON(countries(), { interactive: false, style: { color: '#8c959f', weight: 0.6, fillColor: '#eef1f4', fillOpacity: 1 } }).addTo(map);
    for (const route of routes) {
      if (route.points.length > 1) L.polyline(route.points as LatLng[], { color: colour, weight: 3, opacity: 0.9 }).addTo(map);
      if (route.current !== null) {
        L.circleMarker(route.current, { radius: 8, color: '#ffffff', weight: 2, fillColor: colour, fillOpacity: 1 })
          .bindTooltip(`${route.label}: current position`)
          .addTo(map);
      }
    }
    if (destination !== null) {
      L.circleMarker(destination, { radius: 7, color: colour, weight: 3, fillColor: '#ffffff', fillOpacity: 1 }).bindTooltip('Destination').addTo(map);
    }

    return () => {
      map.remove();
    };
  }, [routes, destination, colour]);

  return <div ref={element} className="tracking-map" role="region" aria-label={label} aria-describedby={describedBy} data-testid="tracking-map" />;
}
