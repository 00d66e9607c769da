/**
 * Where a shipment is on the admin's map: its newest scan that has coordinates (carriers send
 * places, the gazetteer gave them coordinates when the scan was stored). Pure: no I/O.
 */

export interface Position {
  latitude: number;
  longitude: number;
  city: string | null;
  country: string | null;
  /** When the carrier scanned it there. */
  at: string;
}

interface PlacedScan {
  occurred_at: string;
  latitude: number | string | null;
  longitude: number | string | null;
  city: string | null;
  country: string | null;
}

/** The newest scan with coordinates (by carrier time; the later one of a tie), or null before any. */
export function currentPositionOf(scans: readonly PlacedScan[]): Position | null {
  let newest: PlacedScan | null = null;
  for (const scan of scans) {
    if (scan.latitude === null || scan.longitude === null) continue;
    if (newest === null || scan.occurred_at >= newest.occurred_at) newest = scan;
  }
  if (newest === null) return null;
  return { latitude: Number(newest.latitude), longitude: Number(newest.longitude), city: newest.city, country: newest.country, at: newest.occurred_at };
}
