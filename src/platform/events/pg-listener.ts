/**
 * PostgreSQL's side of the event hub: one dedicated connection LISTENing on the events channel (a
 * pooled connection cannot: the pool hands it to queries and back).
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';

/** The NOTIFY channel; its payload is a JSON array of event ids. */
export const EVENTS_CHANNEL = 'waybill_events';
const READY_TIMEOUT_MS = 5_000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface Listener {
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The LISTEN connection: opened on first need, reopened with backoff whenever it drops; once it
 * is back, `onRestored(droppedAt)` asks for a catch-up from the moment it dropped.
 */
export function createListener(options: { url: string; logger: Logger; clock: Clock; onIds(ids: string[]): void; onRestored(droppedAt: number): void }): Listener {
  const { url, logger, clock, onIds } = options;
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let started = false;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let reconnectTimer: NodeJS.Timeout | null = null;
  /** When the connection dropped (null while up or never up). */
  let droppedAt: number | null = null;
  const waiters = new Set<() => void>();

  function onNotification(message: pg.Notification): void {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    try {
      const ids: unknown = JSON.parse(message.payload);
      if (Array.isArray(ids)) onIds(ids.filter((id): id is string => typeof id === 'string'));
    } catch (error) {
      logger.warn({ err: error }, 'event hub: a notification that is not a JSON list of ids');
    }
  }

  function drop(c: pg.Client, error?: unknown): void {
    if (client !== c) return;
    client = null;
    droppedAt = clock.now().getTime();
    if (closed) return;
    logger.warn({ err: error }, 'event hub: the LISTEN connection dropped; reconnecting');
    void c.end().catch(() => undefined);
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect().catch(() => undefined);
    }, delay);
    reconnectTimer.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  }

  function connect(): Promise<void> {
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'waybill-events', keepAlive: true });
      c.on('notification', onNotification);
      c.on('error', (error) => drop(c, error));
      c.on('end', () => drop(c));
      try {
        await c.connect();
        await c.query(`listen ${EVENTS_CHANNEL}`);
      } catch (error) {
        c.removeAllListeners('end');
        c.on('error', () => undefined);
        void c.end().catch(() => undefined);
        scheduleReconnect();
        throw error;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        return;
      }
      client = c;
      delay = RECONNECT_MIN_MS;
      if (droppedAt !== null) {
        logger.info('event hub: LISTEN connection restored; catching up');
        options.onRestored(droppedAt);
        droppedAt = null;
      }
      for (const wake of waiters) wake();
      waiters.clear();
    })().finally(() => (connecting = null));
    return connecting;
  }

  return {
    ready() {
      if (client) return Promise.resolve();
      if (!started) {
        started = true;
        void connect().catch(() => undefined);
      }
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error('the event stream is unavailable: the database cannot be reached'));
        }, READY_TIMEOUT_MS);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.add(wake);
      });
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      await connecting?.catch(() => undefined);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
      waiters.clear();
    },
  };
}
