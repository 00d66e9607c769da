/**
 * What every page that shows data from the API does: load it when shown (and when `deps` change),
 * keep the last good answer while reloading (so a live page does not flash "Loading…" on each
 * change), treat a 401 as the session having run out, and show any other failure.
 *
 *   const orders = useLoad(() => call(api.staffApi.GET('/api/v1/orders', …)), [query], signedOut);
 *   orders.data  // the answer, or null before the first one
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../api/index.js';

export interface Loaded<T> {
  data: T | null;
  /** The last load's failure (other than 401), or null. */
  error: ApiError | null;
  /** True while a load is in flight (the first or a reload). */
  loading: boolean;
  /** Load again (after an action, or a live change). */
  reload(): void;
  /** Replace the data in place (an action's answer). */
  setData(data: T): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, onUnauthorized?: (byChoice?: boolean) => void): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const lost = useRef(onUnauthorized);
  lost.current = onUnauthorized;

  useEffect(() => {
    let live = true;
    setLoading(true);
    loader.current().then(
      (answer) => {
        if (!live) return;
        setData(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setLoading(false);
        if (failure instanceof ApiError && failure.status === 401) lost.current?.(false);
        else if (failure instanceof ApiError) setError(failure);
        else setError(new ApiError(0, { code: 'client_error', title: 'Something went wrong', detail: failure instanceof Error ? failure.message : String(failure) }));
      },
    );
    return () => {
      live = false;
    };
    // The caller's deps decide when to load again (and reload() bumps the round).
  }, [...deps, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, setData };
}
