/** A form's Idempotency-Key (shared/idempotency.ts): the same while it retries, a new one after it created something. */
import { useCallback, useState } from 'react';
import { newIdempotencyKey } from './idempotency.js';

/** The key for a form's next creation, and `renew()` to call after it succeeded. */
export function useIdempotencyKey(): { key: string; renew(): void } {
  const [key, setKey] = useState(() => newIdempotencyKey());
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}
