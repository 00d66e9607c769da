/**
 * A button's action against the API (retry, send, revoke…): one at a time, `pending` while it runs,
 * the last failure kept for the page to show. A 401 means the session ran out: the caller's
 * `onUnauthorized`, when given, takes the user to sign in, as useLoad does (else it is shown too).
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/index.js';

export interface Action {
  /** Runs `work` unless one is running; resolves true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
  pending: boolean;
  error: ApiError | null;
  clearError(): void;
}

export function useAction(onUnauthorized?: (byChoice?: boolean) => void): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const lost = useRef(onUnauthorized);
  lost.current = onUnauthorized;

  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      if (failure.status === 401 && lost.current) lost.current(false);
      else setError(failure);
      return false;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
