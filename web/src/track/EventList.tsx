/** The scans of a shipment, newest first, with the time and the place (city level only). */
import { formatMoment, placeOf, statusLabel } from '../shared/format.js';
import type { Scan } from './last-scan.js';

/** A scan as the tracking page and the portal both have it (the portal's `location` flattened). */
export interface ScanEvent extends Scan {
  status: string;
  description: string;
}

/** `labelledBy`: the id of the heading that names the list ("Updates"). */
export function EventList({ events, labelledBy }: { events: readonly ScanEvent[]; labelledBy?: string }) {
  if (events.length === 0) return <p className="muted">No scans yet: the carrier has not picked the parcel up.</p>;
  // Scans of the same moment: the one the carrier reported later first (the API lists oldest first).
  const newestFirst = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.occurred_at.localeCompare(a.event.occurred_at) || b.index - a.index)
    .map((e) => e.event);
  return (
    <ol className="events" data-testid="events" aria-labelledby={labelledBy}>
      {newestFirst.map((event, index) => (
        <li key={`${event.occurred_at}:${index}`} className={`event event-${event.status}`}>
          <time dateTime={event.occurred_at}>{formatMoment(event.occurred_at)}</time>
          <span className="event-description">{event.description || statusLabel(event.status)}</span>
          {placeOf(event) ? <span className="event-place">{placeOf(event)}</span> : null}
        </li>
      ))}
    </ol>
  );
}
