/** The order's timeline, newest first, in words: what happened, when, who did it. */
import type { AdminOrderEvent } from '../../api/index.js';
import { formatMoment } from '../../shared/format.js';
import { Section } from '../ui/index.js';
import { actorLabel, eventWords } from './timeline-words.js';

export function OrderTimeline({ events, currency }: { events: readonly AdminOrderEvent[]; currency: string }) {
  return (
    <Section title="Timeline">
      {events.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline, newest first">
          {events.map((event) => {
            const words = eventWords(event, currency);
            return (
              <li key={event.id} className="timeline-entry" data-type={event.type}>
                <time dateTime={event.at}>{formatMoment(event.at)}</time>
                <span className="timeline-title">{words.title}</span>
                {words.detail ? <span className="timeline-detail">{words.detail}</span> : null}
                <span className="timeline-actor">{actorLabel(event.actor)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
