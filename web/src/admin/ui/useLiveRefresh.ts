/**
 * Follow the staff stream (GET /api/v1/stream) and run `refresh` when a change arrives, at most
 * once per `throttleMs` (a burst of scans reloads once at its start and once after it, not once
 * per scan). `filter` picks the changes that matter (this order's only, say).
 * Returns the stream's state for a LiveIndicator.
 *
 *   const orders = useLoad(…);
 *   const live = useLiveRefresh(orders.reload, { filter: (c) => c.order_id === order.id });
 */
import { useEffect, useRef } from 'react';
import { useEventStream, type StreamChange, type StreamState } from '../../shared/useEventStream.js';
import { useStaffSession } from '../session.js';

export const STAFF_STREAM = '/api/v1/stream';

export interface LiveRefreshOptions {
  filter?: (change: StreamChange) => boolean;
  /** Default 5 s. */
  throttleMs?: number;
  /** Off: no stream at all (e.g. until the page knows what to follow). */
  enabled?: boolean;
}

export function useLiveRefresh(refresh: () => void, options: LiveRefreshOptions = {}): StreamState {
  const { filter, throttleMs = 5_000, enabled = true } = options;
  const { signedOut } = useStaffSession();
  const run = useRef(refresh);
  run.current = refresh;
  const pick = useRef(filter);
  pick.current = filter;
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  return useEventStream(
    enabled ? STAFF_STREAM : null,
    (change) => {
      if (pick.current && !pick.current(change)) return;
      if (timer.current !== null) return; // a refresh is due already
      const wait = last.current + throttleMs - Date.now();
      const fire = () => {
        timer.current = null;
        last.current = Date.now();
        run.current();
      };
      if (wait <= 0) fire();
      else timer.current = setTimeout(fire, wait);
    },
    () => signedOut(false),
  );
}
