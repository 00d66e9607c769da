/** A form's idempotent send (shared/idempotency.ts): one key per attempt, kept only while unanswered. */
import { useCallback, useRef } from 'react';
import { ApiError } from '../api/index.js';
import { FormKey, newIdempotencyKey } from './idempotency.js';

/**
 * `send(body, post)` calls `post(key)` with the key for this body (FormKey) and settles the key by
 * the outcome. Failures other than ApiError (a bug in the page) leave the key pending, as a lost
 * answer would: the same body sent again is then a replay, never a second creation.
 */
export function useIdempotentSend(prefix?: string): <T>(body: unknown, post: (key: string) => Promise<T>) => Promise<T> {
  const formKey = useRef<FormKey | null>(null);
  formKey.current ??= new FormKey(() => newIdempotencyKey(prefix));
  const keys = formKey.current;
  return useCallback(
    async <T,>(body: unknown, post: (key: string) => Promise<T>): Promise<T> => {
      const key = keys.for(body);
      try {
        const result = await post(key);
        keys.answered(null);
        return result;
      } catch (failure) {
        if (failure instanceof ApiError) keys.answered(failure);
        throw failure;
      }
    },
    [keys],
  );
}
