/**
 * The tracking page's data: GET /api/v1/track/{token} once, then again every TRACKING_POLL_MS while
 * the tab is visible and something can still change. A refresh replaces the answer in place (no
 * "Looking up…" flash) and a failed one keeps the last answer on screen: the next poll tries again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, call, type PublicTracking } from '../api/index.js';
import { TRACKING_POLL_MS, trackingSettled } from './polling.js';
import { usePolling } from './usePolling.js';

export type TrackingState = { kind: 'loading' } | { kind: 'found'; tracking: PublicTracking } | { kind: 'not-found' } | { kind: 'failed'; error: ApiError };

function fetchTracking(token: string): Promise<PublicTracking> {
  return call(api.publicApi.GET('/api/v1/track/{token}', { params: { path: { token } } }));
}

export function useTracking(token: string): TrackingState {
  const [state, setState] = useState<TrackingState>({ kind: 'loading' });
  const shown = useRef(token);
  shown.current = token;

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    fetchTracking(token).then(
      (tracking) => live && setState({ kind: 'found', tracking }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 422)) setState({ kind: 'not-found' });
        else if (error instanceof ApiError) setState({ kind: 'failed', error });
        else throw error;
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  const refresh = useCallback(async () => {
    const tracking = await fetchTracking(token);
    // An answer for the token still shown, onto a page that shows one (never over a newer load).
    if (shown.current === token) setState((current) => (current.kind === 'found' ? { kind: 'found', tracking } : current));
  }, [token]);

  usePolling(refresh, TRACKING_POLL_MS, state.kind === 'found' && !trackingSettled(state.tracking));
  return state;
}
