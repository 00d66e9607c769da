/**
 * What of an order the customer can still send back, as the return page offers it: the server's
 * answer (GET /portal/orders/{id}/returnable — the same arithmetic the request is checked with, on
 * the server's clock) with each reason for "fewer" or "none" in words. Pure.
 */
import type { Returnable } from '../api/index.js';

type ServerLine = Returnable['lines'][number];

/** A line of the server's answer, with its note in words (null when all delivered units can come back). */
export type ReturnableLine = Omit<ServerLine, 'note'> & { note: string | null };

function noteText(line: ServerLine): string | null {
  switch (line.note) {
    case null:
      return null;
    case 'non_returnable':
      return 'This item cannot be returned.';
    case 'not_delivered':
      return 'Not delivered yet: you can return it once it has arrived.';
    case 'in_other_returns':
      return 'Already in a return.';
    case 'window_closed':
      return 'The return window has closed.';
    case 'partly_in_other_returns':
      return `${line.held} already in a return.`;
    case 'partly_past_window':
      return `${line.delivered - line.allowed} of them past the return window.`;
  }
}

export function returnableLines(answer: Returnable): ReturnableLine[] {
  return answer.lines.map((l) => ({ ...l, note: noteText(l) }));
}

/** Whether anything of the order can still be asked back. */
export function canReturnSomething(answer: Returnable): boolean {
  return answer.lines.some((l) => l.allowed > 0);
}
