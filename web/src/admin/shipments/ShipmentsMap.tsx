/**
 * The admin's map of active shipments: Leaflet over the offline base map (track/world.ts, no tile
 * layer); each shipment's last scanned place as a dot in its status's colour, its destination as a
 * small ring, a dashed line between them. The tracking page's map draws one order's routes to one
 * destination; this one draws many shipments to many places, so it is its own component.
 * The map is made once; new data only redraws the shipment layer (a live reload keeps the
 * user's zoom), and the view fits the points on the first data that has any.
 * Loaded lazily (React.lazy) with Leaflet and the country shapes.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { countries } from '../../track/world.js';
import type { LatLng, ShipmentPoint } from './map-points.js';

export interface ShipmentsMapProps {
  points: readonly ShipmentPoint[];
  label: string;
  /** The id of the text that describes the map and points to its table alternative. */
  describedBy: string;
  onOpen(point: ShipmentPoint): void;
}

export default function ShipmentsMap({ points, label, describedBy, onOpen }: ShipmentsMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (element.current === null) return;
    const m = L.map(element.current, { worldCopyJump: false, minZoom: 1, maxZoom: 9, zoomSnap: 0.5 });
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    m.attributionControl.addAttribution('Natural Earth');
    // A view before any vector layer (a layer added to a map without one reads bounds that do not exist).
    m.setView([25, 0], 1);
    L.geoJSON(countries(), { interactive: false, style: { color: '#8c959f', weight: 0.6, fillColor: '#eef1f4', fillOpacity: 1 } }).addTo(m);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (m === null || group === null) return;
    group.clearLayers();
    const bounds: LatLng[] = [];
    for (const p of points) {
      if (p.current === null) continue;
      bounds.push(p.current);
      if (p.destination !== null) {
        bounds.push(p.destination);
        L.polyline([p.current, p.destination], { color: p.colour, weight: 1.5, opacity: 0.6, dashArray: '4 6', interactive: false }).addTo(group);
        L.circleMarker(p.destination, { radius: 4, color: p.colour, weight: 2, fillColor: '#ffffff', fillOpacity: 1 }).bindTooltip(`Destination of ${p.label}`).addTo(group);
      }
      L.circleMarker(p.current, { radius: 7, color: '#ffffff', weight: 2, fillColor: p.colour, fillOpacity: 1 })
        .bindTooltip(p.label)
        .on('click', () => open.current(p))
        .addTo(group);
    }
    if (!fitted.current && bounds.length > 0) {
      fitted.current = true;
      if (bounds.length === 1) m.setView(bounds[0]!, 4);
      else m.fitBounds(L.latLngBounds(bounds), { padding: [40, 40], maxZoom: 5 });
    }
  }, [points]);

  return <div ref={element} className="ops-map" role="region" aria-label={label} aria-describedby={describedBy} data-testid="shipments-map" />;
}
