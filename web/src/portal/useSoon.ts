/**
 * A trigger that runs `action` once, shortly after the first of a burst of calls: the stream hands
 * a page a dozen changes at once when a carrier's scans arrive together, and one reload serves them all.
 */
import { useCallback, useEffect, useRef } from 'react';

export function useSoon(action: () => void, delayMs = 150): () => void {
  const latest = useRef(action);
  latest.current = action;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  }, [delayMs]);
}
