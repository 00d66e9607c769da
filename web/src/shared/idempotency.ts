/**
 * Idempotency keys for the POSTs that create something (a label, a refund, a return, a supplier…).
 * One key per thing being created: a submit retried after a lost answer sends the same key, so the
 * server replays its first answer instead of creating a second one; a new key is drawn once the
 * creation succeeded (or was refused for good).
 *
 * 128 random bits as hex from crypto.getRandomValues, which works on plain http too (a shop's own
 * network); crypto.randomUUID needs a secure context. Pure apart from the random bytes (no React:
 * the portal's return rules, which Node tests import, use it); the form hook is useIdempotencyKey.ts.
 */

/** The key for these random bytes: `<prefix>-<hex>`; the prefix tells the server's logs who sent it. */
export function idempotencyKeyFrom(bytes: Uint8Array, prefix = 'web'): string {
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function newIdempotencyKey(prefix?: string): string {
  return idempotencyKeyFrom(crypto.getRandomValues(new Uint8Array(16)), prefix);
}
