/** The text alternative of the map: where each parcel was last scanned, and when. Pure. */
import { formatMoment, placeOf } from '../shared/format.js';

export interface Scan {
  occurred_at: string;
  city: string | null;
  region: string | null;
  country: string | null;
}

/** The newest scan of a list (oldest first, as the API has them; of the same moment, the later one), or null. */
export function lastScanOf<S extends Scan>(scans: readonly S[]): S | null {
  return scans.reduce<S | null>((newest, s) => (newest === null || s.occurred_at >= newest.occurred_at ? s : newest), null);
}

/** "Last scan: Denver, CO, US, 24 Nov 2026, 14:05"; "No scan yet" before the first. */
export function lastScanText(scans: readonly Scan[], locale?: string, timeZone?: string): string {
  const last = lastScanOf(scans);
  if (last === null) return 'No scan yet: the carrier has not picked the parcel up.';
  const place = placeOf(last);
  const at = formatMoment(last.occurred_at, locale, timeZone);
  return place ? `Last scan: ${place}, ${at}` : `Last scan: ${at}`;
}
