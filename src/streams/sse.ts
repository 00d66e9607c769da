/**
 * The Server-Sent Events wire format (WHATWG HTML, "Server-sent events"): pure functions, no I/O.
 * A frame is `field: value` lines ended by a blank line; a line starting with `:` is a comment
 * (ignored by clients, keeps proxies from timing the connection out).
 */

/** An event frame. `type` and `id` never hold a newline (ours are codes and ULIDs); `data` is one JSON line. */
export function sseEvent(id: string | null, type: string, data: unknown): string {
  return `${id === null ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** How long a client waits before reconnecting after the connection drops. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}

/** The ids this server sends (order timeline events): what a Last-Event-ID may be. */
export const EVENT_ID_PATTERN = '^evt_[0-9A-HJKMNP-TV-Z]{26}$';
const eventId = new RegExp(EVENT_ID_PATTERN);

export function isEventId(value: string): boolean {
  return eventId.test(value);
}

/** One dispatched event as a client sees it. */
export interface SseMessage {
  /** The `id` field of this event, or null when it had none. */
  id: string | null;
  /** `event` field (default "message"). */
  event: string;
  data: string;
}

/**
 * An incremental parser of the format, as an EventSource interprets it (comments and `retry` are
 * dropped; an event without data is not dispatched): for this server's clients in tests and bench.
 */
export class SseParser {
  #buffer = '';
  #id: string | null = null;
  #event = '';
  #data: string[] = [];

  /** Feeds a chunk of the stream; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (this.#data.length > 0) out.push({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
        this.#id = null;
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.#data.push(value);
      else if (field === 'event') this.#event = value;
      else if (field === 'id' && !value.includes('\0')) this.#id = value;
    }
    return out;
  }
}
