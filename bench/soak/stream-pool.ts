/**
 * The soak's Server-Sent-Events clients, held open for the whole run: staff streams (API key) and
 * portal streams (a customer's session cookie). Now and then one is closed and reopened with
 * Last-Event-ID, as a browser's EventSource does after a network blip; a stream the server ends
 * by itself is reopened the same way and counted as a drop. Each client remembers the event ids it
 * got, so a replay that repeats one shows as a duplicate.
 */
import { openEventStream, type EventStreamClient } from '../../src/streams/sse-client.js';

export interface StreamSpec {
  kind: 'staff' | 'portal';
  path: string;
  headers: Record<string, string>;
}

interface PooledStream {
  spec: StreamSpec;
  client: EventStreamClient | null;
  lastEventId: string | null;
  seen: Set<string>;
  closing: boolean;
}

export interface StreamFigures {
  staff_streams: number;
  portal_streams: number;
  events: { staff: number; portal: number };
  events_per_stream: { staff: number; portal: number };
  reconnects_with_last_event_id: number;
  /** Streams the server (or the network) ended while the bench still wanted them. */
  unexpected_drops: number;
  /** Opens that failed (no answer, or not a 200 stream). */
  failed_opens: number;
  duplicate_events: number;
}

export function createStreamPool(baseUrl: string, specs: StreamSpec[]) {
  const pool: PooledStream[] = specs.map((spec) => ({ spec, client: null, lastEventId: null, seen: new Set(), closing: false }));
  const events = { staff: 0, portal: 0 };
  let reconnects = 0;
  let drops = 0;
  let failedOpens = 0;
  let duplicates = 0;
  let stopped = false;

  async function open(stream: PooledStream): Promise<void> {
    const headers = { ...stream.spec.headers, ...(stream.lastEventId ? { 'last-event-id': stream.lastEventId } : {}) };
    let client: EventStreamClient;
    try {
      client = await openEventStream(baseUrl + stream.spec.path, {
        headers,
        keep: false,
        onEvent: (event) => {
          if (event.id === null) return;
          events[stream.spec.kind]++;
          if (stream.seen.has(event.id)) duplicates++;
          stream.seen.add(event.id);
          stream.lastEventId = event.id;
        },
      });
    } catch {
      failedOpens++;
      if (!stopped) setTimeout(() => void open(stream), 1_000);
      return;
    }
    if (client.status !== 200) {
      failedOpens++;
      if (!stopped) setTimeout(() => void open(stream), 1_000);
      return;
    }
    stream.client = client;
    void client.ended.then(() => {
      if (stream.client !== client) return;
      stream.client = null;
      if (stopped || stream.closing) return;
      drops++;
      void open(stream);
    });
  }

  return {
    async openAll(): Promise<void> {
      await Promise.all(pool.map(open));
    },
    /** Closes one random stream and reopens it with the Last-Event-ID it last saw. */
    async reconnectOne(kind: StreamSpec['kind']): Promise<void> {
      const candidates = pool.filter((s) => s.spec.kind === kind && s.client !== null);
      const stream = candidates[Math.floor(Math.random() * candidates.length)];
      if (!stream || stopped) return;
      stream.closing = true;
      const client = stream.client!;
      stream.client = null;
      client.close();
      await client.ended;
      stream.closing = false;
      reconnects++;
      await open(stream);
    },
    closeAll(): void {
      stopped = true;
      for (const stream of pool) stream.client?.close();
    },
    figures(): StreamFigures {
      const count = (kind: StreamSpec['kind']) => pool.filter((s) => s.spec.kind === kind).length;
      const per = (kind: StreamSpec['kind']) => (count(kind) === 0 ? 0 : Math.round(events[kind] / count(kind)));
      return {
        staff_streams: count('staff'),
        portal_streams: count('portal'),
        events: { ...events },
        events_per_stream: { staff: per('staff'), portal: per('portal') },
        reconnects_with_last_event_id: reconnects,
        unexpected_drops: drops,
        failed_opens: failedOpens,
        duplicate_events: duplicates,
      };
    },
  };
}
