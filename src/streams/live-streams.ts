/**
 * The open Server-Sent-Events connections of this process: each one subscribes to the event hub,
 * replays what came after its Last-Event-ID, then follows live. One heartbeat timer serves them
 * all; a slow reader is cut off (it reconnects and resumes) rather than buffered without bound;
 * shutting down ends every stream so that the server's close never waits on them.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { AppError } from '../platform/errors.js';
import type { EventHub } from '../platform/events/index.js';
import type { OrderChange } from './order-change.repository.js';
import { sseComment, sseEvent, sseRetry } from './sse.js';

/** Events replayed after a Last-Event-ID at most; past that the client is told to reload. */
export const REPLAY_LIMIT = 500;
/** A comment this often keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** What a client is told to wait before reconnecting. */
const RETRY_MS = 3_000;
/** Bytes a client may leave unread before it is cut off (it resumes with Last-Event-ID). */
const MAX_BUFFERED_BYTES = 1 << 20;

/** One kind of stream: which changes it shows, how one is written, how it resumes. */
export interface StreamKind {
  readonly name: string;
  filter(change: OrderChange): boolean;
  /** The SSE frame of a change (the same text for every connection of this kind: cache it). */
  frame(change: OrderChange): string;
  /** Changes after `afterId` this stream shows, oldest first, at most `limit`. */
  replay(afterId: string, limit: number): Promise<OrderChange[]>;
}

class Connection {
  #ended = false;

  constructor(
    readonly raw: ServerResponse,
    readonly kind: StreamKind,
    /** Ids the replay already sent: a live copy of one of them is skipped. */
    readonly replayed: ReadonlySet<string>,
  ) {}

  /** One write for a batch: one system call and one TCP segment instead of one per change. */
  send(changes: readonly OrderChange[]): void {
    let text = '';
    for (const change of changes) if (!this.replayed.has(change.id)) text += this.kind.frame(change);
    if (text !== '') this.write(text);
  }

  write(chunk: string): void {
    if (this.#ended) return;
    this.raw.write(chunk);
    if (this.raw.writableLength > MAX_BUFFERED_BYTES) {
      this.#ended = true;
      this.raw.destroy();
    }
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.raw.end();
  }
}

export interface LiveStreams {
  /** Answers `reply` with a stream of `kind`; resolves once it is open (it stays open after). */
  open(reply: FastifyReply, kind: StreamKind, lastEventId: string | null): Promise<void>;
  /** Ends every stream (server shutdown); new ones are refused from now on. */
  closeAll(): void;
  readonly openCount: number;
}

export function createLiveStreams(events: EventHub<OrderChange>, logger: FastifyBaseLogger): LiveStreams {
  const connections = new Set<Connection>();
  let heartbeat: NodeJS.Timeout | null = null;
  let closing = false;

  function track(connection: Connection): void {
    connections.add(connection);
    if (!heartbeat) {
      heartbeat = setInterval(() => {
        const ping = sseComment('keep-alive');
        for (const c of connections) c.write(ping);
      }, HEARTBEAT_MS);
      heartbeat.unref();
    }
  }

  function untrack(connection: Connection): void {
    connections.delete(connection);
    if (connections.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  }

  return {
    async open(reply, kind, lastEventId) {
      if (closing) throw new AppError('service_unavailable', 'The server is shutting down; reconnect to another or retry shortly');
      const raw = reply.raw;
      // Subscribed before the replay is read: what is announced meanwhile waits here, so that
      // nothing falls between the replay and the live feed.
      const pending: OrderChange[] = [];
      let connection: Connection | null = null;
      const unsubscribe = events.subscribe(kind.filter, (changes) => (connection ? connection.send(changes) : pending.push(...changes)));
      let gone = false;
      const onClose = () => {
        gone = true;
        unsubscribe();
        if (connection) untrack(connection);
      };
      raw.once('close', onClose);

      let replay: OrderChange[];
      try {
        await events.ready().catch(() => {
          throw new AppError('service_unavailable', 'Live updates are unavailable: the database cannot be reached; retry shortly');
        });
        replay = lastEventId === null ? [] : await kind.replay(lastEventId, REPLAY_LIMIT + 1);
      } catch (error) {
        raw.off('close', onClose);
        unsubscribe();
        throw error;
      }

      // From here on the answer is written by hand, for as long as the client stays.
      reply.hijack();
      if (gone) return;
      const socket = raw.socket;
      socket?.setTimeout(0);
      socket?.setNoDelay(true);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      let head = sseRetry(RETRY_MS) + sseComment('connected');
      const replayed = new Set<string>();
      for (const change of replay.slice(0, REPLAY_LIMIT)) {
        head += kind.frame(change);
        replayed.add(change.id);
      }
      if (replay.length > REPLAY_LIMIT) {
        // No id: the client's Last-Event-ID stays at the last replayed event.
        head += sseEvent(null, 'stream.truncated', {
          last_event_id: replay[REPLAY_LIMIT - 1]!.id,
          detail: `More than ${REPLAY_LIMIT} changes since Last-Event-ID; reload the current state from the API`,
        });
      }
      for (const change of pending) if (!replayed.has(change.id)) head += kind.frame(change);
      connection = new Connection(raw, kind, replayed);
      connection.write(head);
      track(connection);
      logger.debug({ stream: kind.name, replayed: replayed.size, open: connections.size }, 'event stream opened');
      if (closing) connection.end();
    },
    closeAll() {
      closing = true;
      for (const connection of connections) connection.end();
    },
    get openCount() {
      return connections.size;
    },
  };
}
