/**
 * The events an endpoint subscribes to, as checkboxes: every event, a whole family (`order.*`,
 * which also takes the family's future types), or single types. Types a broader choice covers
 * show as ticked and are not sent separately.
 */
import { useId } from 'react';
import { byFamily, isCovered } from './event-filter.js';
import { identifierWords } from '../operation-words.js';

export interface EventTypePickerProps {
  types: readonly string[];
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  /** The server's message for the `events` field. */
  message?: string;
}

export function EventTypePicker({ types, selected, onChange, message }: EventTypePickerProps) {
  const errorId = useId();
  function toggle(entry: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(entry);
    else next.delete(entry);
    onChange(next);
  }
  const all = selected.has('*');
  return (
    <fieldset className="ops-fieldset ops-events" aria-describedby={message ? errorId : undefined}>
      <legend>Events to send</legend>
      {message ? (
        <p className="field-error" id={errorId}>
          Events {message}
        </p>
      ) : null}
      <label className="ops-check">
        <input type="checkbox" checked={all} onChange={(e) => toggle('*', e.currentTarget.checked)} /> Every event, including ones added later
      </label>
      <div className="ops-event-families">
        {byFamily(types).map(({ family, types: members }) => {
          const pattern = `${family}.*`;
          return (
            <fieldset key={family} className="ops-event-family" disabled={all}>
              <legend>{identifierWords(family)} events</legend>
              <label className="ops-check">
                <input type="checkbox" checked={all || selected.has(pattern)} onChange={(e) => toggle(pattern, e.currentTarget.checked)} /> All {family} events (<code>{pattern}</code>)
              </label>
              {members.map((type) => {
                const covered = isCovered(selected, type);
                return (
                  <label key={type} className="ops-check ops-check-small">
                    <input type="checkbox" checked={covered || selected.has(type)} disabled={covered} onChange={(e) => toggle(type, e.currentTarget.checked)} /> <code>{type}</code>
                  </label>
                );
              })}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
