/**
 * The event hub: committed, announced events reach the subscribers of this process (the live
 * streams), each once, in id order within a batch.
 *
 * How an event gets here depends on the dialect:
 * - PostgreSQL (any number of processes): the relay NOTIFYs the ids inside its transaction, so the
 *   database delivers them at commit to every process listening (the sender included); each process
 *   loads the rows by id with one query per notification and fans them out. A dedicated connection
 *   LISTENs; when it drops (database restart) it reconnects with backoff and catches up by reading
 *   the ids announced since shortly before the drop.
 * - SQLite (one file, usually one process): the relay calls `publish` after its commit. A second
 *   process on the same file (`waybill worker` beside `waybill serve`) relays too, so while anyone
 *   subscribes the hub also polls the ids announced lately, once a second, and delivers those it has
 *   not seen: slower (up to a second), still exactly once.
 *
 * Ids are prefixed ULIDs: their time part lets a catch-up re-read a window ("announced since shortly
 * before t") instead of trusting "greater than the last id seen", which would miss an event whose id
 * was made before, but announced after, one already delivered (ids come from several processes,
 * announcement order is commit order).
 */
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Dialect, Executor } from '../db/database.js';
import { createListener, EVENTS_CHANNEL } from './pg-listener.js';
import type { EventHub, EventSource, HubEvent, Unsubscribe } from './types.js';

/** NOTIFY payloads must stay under 8,000 bytes: 200 ids of ~30 characters, quoted, take ~6,600. */
const IDS_PER_NOTIFY = 200;
/** Ids read (and events loaded) per query when catching up. */
const PAGE = 500;
/**
 * How far before a gap (by id time) a catch-up re-reads. An event's id is made in the transaction
 * that records the change and the relay announces it about a second after commit; ten seconds
 * covers a slow commit plus a late relay run with room to spare.
 */
const MARGIN_MS = 10_000;
/** Delivered ids are remembered this long (by their id time), to deliver each once across paths. */
const REMEMBER_MS = 3 * MARGIN_MS;
/** …and at most this many, whatever their time (a test clock that stands still never ages them). */
const REMEMBER_MAX = 200_000;
const POLL_MS = 1_000;
/**
 * The window each poll re-reads: enough for another process's event to be committed and relayed
 * (about a second, and the relay runs every second), narrower than MARGIN_MS because it is read
 * every second while streams are open.
 */
const POLL_WINDOW_MS = 5_000;
/** After a failed load (database hiccup), the next catch-up attempt. */
const RETRY_MS = 1_000;

export interface EventHubOptions<E extends HubEvent> {
  dialect: Dialect;
  clock: Clock;
  logger: Logger;
  source: EventSource<E>;
  /** PostgreSQL: the URL the LISTEN connection opens (the pool's own URL). */
  pgUrl?: string | null;
  /** SQLite: how often to look for events other processes announced (default 1 s; 0: never). */
  pollMs?: number;
}

interface Subscription<E> {
  filter(event: E): boolean;
  listener(events: readonly E[]): void;
}

/** A bounded, insertion-ordered set of ids whose oldest fall out by id time or by count. */
class IdMemory {
  readonly #ids = new Set<string>();

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    this.#ids.add(id);
  }

  /** Forgets ids sorting before `cursor` from the oldest on, and any beyond the count limit. */
  trim(cursor: string): void {
    for (const id of this.#ids) {
      if (this.#ids.size <= REMEMBER_MAX && id >= cursor) break;
      this.#ids.delete(id);
    }
  }

  clear(): void {
    this.#ids.clear();
  }
}

export function createEventHub<E extends HubEvent>(options: EventHubOptions<E>): EventHub<E> {
  const { dialect, clock, logger, source } = options;
  const pollMs = options.pollMs ?? POLL_MS;
  const subscriptions = new Set<Subscription<E>>();
  /** Ids delivered (or announced while nobody listened): never delivered again. */
  const delivered = new IdMemory();
  /** SQLite: ids the poll found already there when it started: not news to anyone subscribing after. */
  const preexisting = new IdMemory();
  let closed = false;
  /** Loads and deliveries run one after the other, so that batches reach subscribers in order. */
  let chain: Promise<void> = Promise.resolve();

  function enqueue(work: () => Promise<void>): Promise<void> {
    const step = chain.then(work);
    chain = step.catch(() => undefined);
    return step;
  }

  function deliver(events: readonly E[]): void {
    const fresh = events.filter((event) => !delivered.has(event.id));
    for (const event of fresh) delivered.add(event.id);
    if (fresh.length > 0) {
      for (const subscription of subscriptions) {
        try {
          const wanted = fresh.filter((event) => subscription.filter(event));
          if (wanted.length > 0) subscription.listener(wanted);
        } catch (error) {
          logger.warn({ err: error, events: fresh.length }, 'event hub: a subscriber failed');
        }
      }
    }
    forgetOld();
  }

  /** Ids announced while nobody subscribed: nobody's news later either. */
  function remember(ids: readonly string[]): void {
    for (const id of ids) delivered.add(id);
    forgetOld();
  }

  function forgetOld(): void {
    const horizon = source.cursorAt(clock.now().getTime() - REMEMBER_MS);
    delivered.trim(horizon);
    preexisting.trim(horizon);
  }

  async function load(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += PAGE) deliver(await source.byIds(ids.slice(i, i + PAGE)));
  }

  /** Every id announced since `sinceMs` (by id time), page by page. */
  async function idsSince(sinceMs: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor = source.cursorAt(sinceMs);
    for (;;) {
      const page = await source.idsAfter(cursor, PAGE);
      ids.push(...page);
      if (page.length < PAGE) return ids;
      cursor = page[page.length - 1]!;
    }
  }

  /** Delivers what was announced since `sinceMs` and has not been delivered (catch-up, poll). */
  async function sweep(sinceMs: number): Promise<void> {
    const ids = await idsSince(sinceMs);
    const missed = ids.filter((id) => !delivered.has(id) && !preexisting.has(id));
    if (subscriptions.size > 0) await load(missed);
    else remember(missed);
  }

  /** Ids announced: loaded and fanned out, or only remembered while nobody subscribes. */
  function announced(ids: readonly string[]): void {
    if (closed || ids.length === 0) return;
    void enqueue(async () => {
      if (subscriptions.size === 0) {
        remember(ids);
        return;
      }
      const fresh = ids.filter((id) => !delivered.has(id));
      if (fresh.length > 0) await load(fresh);
    }).catch((error: unknown) => {
      logger.warn({ err: error, events: ids.length }, 'event hub: loading announced events failed; catching up');
      scheduleCatchUp(clock.now().getTime() - MARGIN_MS);
    });
  }

  /** Delivers what was missed since `sinceMs`; on failure tries again a little later. */
  function catchUp(sinceMs: number): void {
    if (closed) return;
    void enqueue(() => sweep(sinceMs)).catch((error: unknown) => {
      logger.warn({ err: error }, 'event hub: catching up failed; trying again');
      scheduleCatchUp(sinceMs);
    });
  }

  let retryTimer: NodeJS.Timeout | null = null;
  let retrySince = Number.POSITIVE_INFINITY;
  function scheduleCatchUp(sinceMs: number): void {
    retrySince = Math.min(retrySince, sinceMs);
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      const since = retrySince;
      retrySince = Number.POSITIVE_INFINITY;
      catchUp(since);
    }, RETRY_MS);
    retryTimer.unref();
  }

  // SQLite: the poll, running while anyone subscribes.
  let pollTimer: NodeJS.Timeout | null = null;
  let primed: Promise<void> | null = null;
  function startPolling(): Promise<void> {
    if (primed) return primed;
    if (pollMs <= 0) return (primed = Promise.resolve());
    const startedAt = clock.now().getTime();
    // What is there now was news before anyone here listened: remembered, never delivered.
    const attempt = enqueue(async () => {
      preexisting.clear();
      for (const id of await idsSince(startedAt - POLL_WINDOW_MS)) if (!delivered.has(id)) preexisting.add(id);
    });
    primed = attempt;
    attempt.catch(() => {
      if (primed === attempt) stopPolling();
    });
    pollTimer = setInterval(() => {
      if (subscriptions.size === 0) {
        stopPolling();
        return;
      }
      void enqueue(() => sweep(clock.now().getTime() - POLL_WINDOW_MS)).catch((error: unknown) => logger.warn({ err: error }, 'event hub: polling failed'));
    }, pollMs);
    pollTimer.unref();
    return primed;
  }
  function stopPolling(): void {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
    primed = null;
  }

  const listener = dialect === 'postgres' && options.pgUrl ? createListener({ url: options.pgUrl, logger, clock, onIds: announced, onRestored: (droppedAt) => catchUp(droppedAt - MARGIN_MS) }) : null;

  function ensureRunning(): Promise<void> {
    if (dialect === 'postgres') return listener ? listener.ready() : Promise.resolve();
    return startPolling();
  }

  return {
    async notifyInTransaction(trx: Executor, ids: readonly string[]) {
      if (dialect !== 'postgres') return;
      for (let i = 0; i < ids.length; i += IDS_PER_NOTIFY) {
        await sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(ids.slice(i, i + IDS_PER_NOTIFY))})`.execute(trx);
      }
    },
    publish(ids: readonly string[]) {
      if (dialect === 'postgres' && listener) return;
      announced(ids);
    },
    subscribe(filter, fn): Unsubscribe {
      const subscription: Subscription<E> = { filter, listener: fn };
      subscriptions.add(subscription);
      if (!closed) void ensureRunning().catch(() => undefined);
      return () => {
        subscriptions.delete(subscription);
      };
    },
    ready() {
      if (closed) return Promise.reject(new Error('the event hub is closed'));
      return ensureRunning();
    },
    get subscriberCount() {
      return subscriptions.size;
    },
    async close() {
      closed = true;
      subscriptions.clear();
      stopPolling();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await listener?.close();
      await chain;
      delivered.clear();
      preexisting.clear();
    },
  };
}
