/**
 * Idempotency keys for the POSTs that create something (a label, a refund, a return, a supplier…)
 * or must not happen twice (a partial cancel). One key per attempt: a submit sent again after a
 * lost answer carries the same key, so the server replays its first answer instead of doing it
 * twice; a new key is drawn only once the attempt was answered (done, or refused for good). While
 * an answer is unknown the key stays even if the form was changed: the server then answers 422
 * idempotency_key_reused rather than doing a second, different thing (a second refund) on top of
 * a first that may have gone through.
 *
 * 128 random bits as hex from crypto.getRandomValues, which works on plain http too (a shop's own
 * network); crypto.randomUUID needs a secure context. No React here, so that Node tests can import
 * it; the form hook is useIdempotentSend.ts.
 */

/** The key for these random bytes: `<prefix>-<hex>`; the prefix tells the server's logs who sent it. */
export function idempotencyKeyFrom(bytes: Uint8Array, prefix = 'web'): string {
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function newIdempotencyKey(prefix?: string): string {
  return idempotencyKeyFrom(crypto.getRandomValues(new Uint8Array(16)), prefix);
}

/**
 * Whether a failed attempt may still be running or done without our knowing, so its retry must
 * carry the same key: no answer came (status 0), the server failed (5xx), or it asked to wait (429,
 * or 409 idempotency_key_in_use while the first attempt runs). Any other answer is final: the
 * server keeps it under the key, so sending the same key again would only replay that refusal.
 */
export function keepsKey(status: number, code: string): boolean {
  return status === 0 || status >= 500 || status === 429 || (status === 409 && code === 'idempotency_key_in_use');
}

/** A form's key (see the top of this file): `current()` before each send, `answered` after it. */
export class FormKey {
  private pending: string | null = null;

  constructor(private readonly draw: () => string = newIdempotencyKey) {}

  /** The key to send with: the unanswered attempt's, else a new one. */
  current(): string {
    this.pending ??= this.draw();
    return this.pending;
  }

  /** After the send: success (`null`) or a final refusal ends the attempt; an unknown outcome keeps it. */
  answered(failure: { status: number; code: string } | null): void {
    if (failure === null || !keepsKey(failure.status, failure.code)) this.pending = null;
  }
}
