/** The scans of a shipment, newest first, with the time and the place (city level only). */
import type { PublicTrackingEvent } from '../api/index.js';
import { formatMoment, placeOf, statusLabel } from '../shared/format.js';

export function EventList({ events }: { events: readonly PublicTrackingEvent[] }) {
  if (events.length === 0) return <p className="muted">No scans yet: the carrier has not picked the parcel up.</p>;
  const newestFirst = [...events].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  return (
    <ol className="events" data-testid="events">
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
