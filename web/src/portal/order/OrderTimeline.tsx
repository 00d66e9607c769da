/** The order's story for the customer, newest first, each change in words (timeline-text.ts), repeats left out. */
import type { PortalOrder } from '../../api/index.js';
import { formatMoment } from '../../shared/format.js';
import { customerTimeline, timelineText } from '../timeline-text.js';

export function OrderTimeline({ order }: { order: PortalOrder }) {
  const entries = customerTimeline(order.timeline);
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="portal-timeline" aria-labelledby="timeline-heading" data-testid="timeline">
          {entries.map((entry, index) => (
            <li key={`${entry.at}:${entry.type}:${index}`} className="portal-timeline-entry">
              <time dateTime={entry.at}>{formatMoment(entry.at)}</time>
              <span>{timelineText(entry, order.currency)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
