/**
 * Idempotency keys for the admin's creating POSTs. One key per thing being created: a submit that
 * is retried after a lost answer sends the same key (the server replays its first answer instead of
 * creating a second one), and a new key is drawn once the creation succeeded.
 */
import { useCallback, useState } from 'react';

/** 128 random bits as hex. crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The key for the form's next creation, and `renew()` to call after it succeeded. */
export function useIdempotencyKey(): { key: string; renew(): void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}
