/** A form's idempotent send (shared/idempotency.ts): one key per attempt, kept while its outcome is unknown. */
import { useCallback, useRef } from 'react';
import { ApiError } from '../api/index.js';
import { FormKey, newIdempotencyKey } from './idempotency.js';

/** What the form says when it was changed and sent again before the last attempt was answered. */
export const MAYBE_DONE =
  'The last attempt got no answer and may have gone through, so this changed one was not sent. Reload the page to see what happened, then try again if needed.';

/**
 * `sendOnce(post)` calls `post(key)` with the form's key (FormKey) and settles the key by the
 * outcome. Failures other than ApiError (a bug in the page) leave the key pending, as a lost answer
 * would: sent again, it is a replay, never a second creation.
 */
export function useIdempotentSend(prefix?: string): <T>(post: (key: string) => Promise<T>) => Promise<T> {
  const formKey = useRef<FormKey | null>(null);
  formKey.current ??= new FormKey(() => newIdempotencyKey(prefix));
  const keys = formKey.current;
  return useCallback(
    async <T,>(post: (key: string) => Promise<T>): Promise<T> => {
      try {
        const result = await post(keys.current());
        keys.answered(null);
        return result;
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        keys.answered(failure);
        if (failure.code === 'idempotency_key_reused') throw new ApiError(failure.status, { ...failure.problem, detail: MAYBE_DONE });
        throw failure;
      }
    },
    [keys],
  );
}
