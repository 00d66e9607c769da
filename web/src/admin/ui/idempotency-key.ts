/**
 * A fresh Idempotency-Key for a POST that creates something (a label, a refund, a return). Keep it
 * while retrying the same request, so a retry after a timeout is answered from the first attempt.
 * crypto.randomUUID needs a secure context; a shop on plain HTTP in its own network gets random
 * bytes instead.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
