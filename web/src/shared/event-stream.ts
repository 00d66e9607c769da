/**
 * A reader of this server's Server-Sent Events streams (GET /portal/stream, GET /api/v1/stream)
 * over fetch rather than EventSource: EventSource hands a page only the event names it listened for
 * by name, and the staff stream carries every type of change there is. This reads every frame,
 * resumes after a drop with Last-Event-ID (so nothing is missed in between) and backs off while the
 * server is away. Pure of `window` and `document`: Node tests run it against a real server.
 */

/** One change as the streams send it (`data:` of a frame). */
export interface StreamChange {
  id: string;
  type: string;
  at: string;
  order_id: string;
  order_number: string | null;
  /** The staff stream only. */
  actor?: string;
  data: Record<string, unknown>;
}

export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface StreamOptions {
  url: string;
  onChange(change: StreamChange): void;
  onState?(state: StreamState): void;
  /** 401/403: the session is gone; the reader stops (no retry). */
  onUnauthorized?(): void;
  fetch?: typeof globalThis.fetch;
  /** First wait after a drop; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

interface Frame {
  id: string | null;
  event: string;
  data: string;
}

/** Splits a growing text buffer into complete frames; returns them and what is left over. */
export function parseFrames(buffer: string): { frames: Frame[]; rest: string } {
  const frames: Frame[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frames.push({ id, event, data: data.join('\n') });
  }
  return { frames, rest };
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: StreamOptions): () => void {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const firstWait = options.retryMs ?? 1_000;
  const maxWait = options.maxRetryMs ?? 30_000;
  let lastEventId: string | null = null;
  let stopped = false;
  let wait = firstWait;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setState = (state: StreamState) => options.onState?.(state);

  async function connect(): Promise<void> {
    if (stopped) return;
    setState('connecting');
    controller = new AbortController();
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastEventId !== null) headers['last-event-id'] = lastEventId;
      const response = await doFetch(options.url, { headers, credentials: 'include', signal: controller.signal });
      if (response.status === 401 || response.status === 403) {
        stopped = true;
        setState('closed');
        options.onUnauthorized?.();
        return;
      }
      if (!response.ok || response.body === null) throw new Error(`stream answered ${response.status}`);
      setState('open');
      wait = firstWait;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const { frames, rest } = parseFrames(buffer);
        buffer = rest;
        for (const frame of frames) {
          if (frame.id !== null) lastEventId = frame.id;
          if (frame.event === 'stream.truncated') continue;
          let change: StreamChange;
          try {
            change = JSON.parse(frame.data) as StreamChange;
          } catch {
            continue;
          }
          options.onChange(change);
        }
      }
    } catch {
      // A drop, an abort or a server that is away: retried below unless stopped.
    }
    if (stopped) return;
    setState('retrying');
    timer = setTimeout(() => void connect(), wait);
    wait = Math.min(wait * 2, maxWait);
  }

  void connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    controller?.abort();
    setState('closed');
  };
}
