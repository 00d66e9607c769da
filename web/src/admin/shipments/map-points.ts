/** Active shipments as points for the admin map: where each is now, where it goes, in its status's colour. Pure. */
import type { ShipmentListItem } from '../../api/index.js';
import { placeOf, statusLabel } from '../../shared/format.js';
import { toneOf, type Tone } from '../ui/tones.js';

export type LatLng = [number, number];

export interface ShipmentPoint {
  id: string;
  orderId: string;
  /** "SIM123… · In transit · Austin, US" for the marker's tooltip. */
  label: string;
  colour: string;
  current: LatLng | null;
  destination: LatLng | null;
}

/** Dot colours readable on the pale base map, one per status tone (the tooltip says the status in words). */
const colours: Record<Tone, string> = { info: '#0969da', success: '#1a7f37', warning: '#9a6700', danger: '#cf222e', neutral: '#57606a' };

export function colourOf(status: string, attention: boolean): string {
  return attention ? colours.danger : colours[toneOf(status)];
}

export function shipmentPoints(shipments: readonly ShipmentListItem[]): ShipmentPoint[] {
  return shipments.map((s) => {
    const where = s.current_position ? placeOf({ city: s.current_position.city, region: null, country: s.current_position.country }) : null;
    const label = [s.tracking_number ?? s.id, statusLabel(s.status), where ? `at ${where}` : 'no scan with a place yet', `to ${placeOf(s.destination)}`].join(' · ');
    const d = s.destination;
    return {
      id: s.id,
      orderId: s.order_id,
      label,
      colour: colourOf(s.status, s.attention !== null),
      current: s.current_position ? [s.current_position.latitude, s.current_position.longitude] : null,
      destination: d.latitude !== null && d.longitude !== null ? [d.latitude, d.longitude] : null,
    };
  });
}

/** How many of the shipments the map can place (a current position), and how many it cannot. */
export function placedCount(points: readonly ShipmentPoint[]): { placed: number; unplaced: number } {
  const placed = points.filter((p) => p.current !== null).length;
  return { placed, unplaced: points.length - placed };
}
