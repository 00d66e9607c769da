/** The map's text alternative, shown under it: one "Last scan: <place>, <time>" line per parcel. */
import { lastScanText, type Scan } from './last-scan.js';

export interface ParcelScans {
  id: string;
  /** "Parcel 1", "Return parcel"…; null when there is only one parcel. */
  label: string | null;
  scans: readonly Scan[];
}

export function LastScans({ id, parcels }: { id: string; parcels: readonly ParcelScans[] }) {
  return (
    <ul className="last-scans" id={id} aria-label="Where each parcel was last scanned">
      {parcels.map((parcel) => (
        <li key={parcel.id}>
          {parcel.label ? <span className="last-scan-parcel">{parcel.label}</span> : null}
          <span>{lastScanText(parcel.scans)}</span>
        </li>
      ))}
    </ul>
  );
}
