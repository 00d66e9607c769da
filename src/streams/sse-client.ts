/**
 * A Server-Sent-Events client over node:http, for this server's tests and benchmark (bench/ does
 * not depend on test/, so the one client both use lives here). It keeps every event received with
 * its arrival time and can wait for one.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import { SseParser, type SseMessage } from './sse.js';

export interface ReceivedEvent extends SseMessage {
  /** performance.now() when the chunk that completed it arrived. */
  receivedAt: number;
}

export interface EventStreamClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body, for an answer that is not a stream (a problem document). */
  readonly body: string;
  readonly events: readonly ReceivedEvent[];
  /** The id of the last event that had one: what a reconnect sends as Last-Event-ID. */
  readonly lastEventId: string | null;
  /** Resolves when the server ended the stream or the connection dropped. */
  readonly ended: Promise<void>;
  /** The first event (already received or still to come) that `match` accepts. */
  waitFor(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

export interface OpenOptions {
  headers?: Record<string, string>;
  /** Called for every event as it arrives (the bench records arrival times this way). */
  onEvent?: (event: ReceivedEvent) => void;
  /** Keep received events (default true; the bench keeps only what onEvent records). */
  keep?: boolean;
}

export function openEventStream(url: string, options: OpenOptions = {}): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...options.headers }, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      const isStream = status === 200 && String(response.headers['content-type'] ?? '').startsWith('text/event-stream');
      const events: ReceivedEvent[] = [];
      const waiters = new Set<{ match: (e: ReceivedEvent) => boolean; resolve: (e: ReceivedEvent) => void }>();
      const parser = new SseParser();
      let body = '';
      let lastEventId: string | null = null;
      let endedResolve!: () => void;
      const ended = new Promise<void>((r) => (endedResolve = r));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (!isStream) {
          body += chunk;
          return;
        }
        const receivedAt = performance.now();
        for (const message of parser.push(chunk)) {
          const event: ReceivedEvent = { ...message, receivedAt };
          if (event.id !== null) lastEventId = event.id;
          if (options.keep ?? true) events.push(event);
          options.onEvent?.(event);
          for (const waiter of waiters) {
            if (waiter.match(event)) {
              waiters.delete(waiter);
              waiter.resolve(event);
            }
          }
        }
      });
      response.on('close', () => endedResolve());
      response.on('error', () => endedResolve());
      const client: EventStreamClient = {
        status,
        headers: response.headers,
        get body() {
          return body;
        },
        events,
        get lastEventId() {
          return lastEventId;
        },
        ended,
        waitFor(match, timeoutMs = 10_000) {
          const found = events.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const waiter = {
              match,
              resolve: (e: ReceivedEvent) => {
                clearTimeout(timer);
                res(e);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rej(new Error(`no matching event within ${timeoutMs} ms; received: ${events.map((e) => `${e.event} ${e.id}`).join(', ') || 'none'}`));
            }, timeoutMs);
            waiters.add(waiter);
          });
        },
        close() {
          request.destroy();
        },
      };
      if (isStream) resolve(client);
      else response.on('end', () => resolve(client));
    });
    request.on('error', reject);
  });
}
