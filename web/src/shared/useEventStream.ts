/**
 * Live changes for a page: opens one of the SSE streams (event-stream.ts) while the page is shown
 * and hands each change to `onChange` (the latest one passed; no reconnect when it changes).
 * Returns the connection's state for a "Live" indicator.
 */
import { useEffect, useRef, useState } from 'react';
import { openEventStream, type StreamChange, type StreamState } from './event-stream.js';

export type { StreamChange, StreamState } from './event-stream.js';

export function useEventStream(url: string | null, onChange: (change: StreamChange) => void, onUnauthorized?: () => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onChange);
  handler.current = onChange;
  const lost = useRef(onUnauthorized);
  lost.current = onUnauthorized;

  useEffect(() => {
    if (url === null) return;
    return openEventStream({ url, onChange: (change) => handler.current(change), onState: setState, onUnauthorized: () => lost.current?.() });
  }, [url]);
  return url === null ? 'closed' : state;
}

/** A small "Live" / "Reconnecting…" indicator for a page that follows a stream. */
export function liveLabel(state: StreamState): string {
  if (state === 'open') return 'Live';
  if (state === 'retrying') return 'Reconnecting…';
  if (state === 'connecting') return 'Connecting…';
  return 'Not live';
}
