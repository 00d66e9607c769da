/**
 * The contract every payment provider implements.
 *
 * Expected "no" answers (a declined card, a capture the processor refuses, an over-refund) are
 * RETURNED as values: they are business outcomes the caller records. Only failures where the
 * outcome is unknown (network, timeouts, the provider's 5xx, rate limits) or that no retry can fix
 * (bad credentials) are thrown, as `PaymentProviderError`.
 *
 * Every call carries an idempotency key that the caller derives from its own records
 * (`pay_…:authorize`, `pay_…:capture`, `rfd_…:refund`), so that a retry after a crash or a timeout
 * reaches the provider as the same request and can never charge or refund twice.
 */

export type PaymentProviderName = 'test' | 'stripe';

export interface AuthorizeInput {
  /** Integer minor units (cents), > 0. */
  amount: number;
  /** ISO 4217, upper-case as Waybill stores it; providers convert to their own spelling. */
  currency: string;
  /** The opaque payment token the client obtained from the provider (`tok_visa`, `pm_…`). */
  token: string;
  idempotencyKey: string;
  description?: string;
  metadata?: Record<string, string>;
}

export type AuthorizeResult =
  | { outcome: 'authorized'; reference: string }
  /** `code` is the provider's (`card_declined`, `expired_card`…); `declineCode` the issuer's reason when given (`insufficient_funds`). */
  | { outcome: 'declined'; code: string; message: string; declineCode?: string };

export interface CaptureInput {
  reference: string;
  /** Integer minor units to capture; at most what was authorized (the rest is released). */
  amount: number;
  idempotencyKey: string;
}

export interface VoidInput {
  reference: string;
  idempotencyKey: string;
}

export interface RefundInput {
  reference: string;
  /** Integer minor units to refund; at most what was captured and not yet refunded. */
  amount: number;
  idempotencyKey: string;
}

/** A refusal by the provider: recorded by the caller, never retried as is. */
export interface Failure {
  outcome: 'failed';
  code: string;
  message: string;
}

export type CaptureResult = { outcome: 'captured' } | Failure;
export type VoidResult = { outcome: 'voided' } | Failure;
export type RefundResult = { outcome: 'refunded'; reference: string } | Failure;

/**
 * What a provider's event means for a payment. `failed` with a `refundReference` is a refund that
 * failed; without one, the payment itself failed. `other` is an event the caller may ignore.
 */
export type WebhookStatus = 'authorized' | 'captured' | 'failed' | 'voided' | 'refunded' | 'other';

export interface WebhookEvent {
  /** The provider's event id: the route dedupes deliveries by it. */
  id: string;
  type: string;
  /** The payment's reference (Stripe: the PaymentIntent id), or null when the event has none. */
  reference: string | null;
  /** The refund's reference, for refund events. */
  refundReference?: string;
  status: WebhookStatus;
  /** The parsed event as the provider sent it, for the timeline and for debugging. */
  raw: unknown;
}

/** `valid: false` means unauthenticated (bad or missing signature, stale, unparseable): answer 401, write nothing. */
export type WebhookParseResult = { valid: false } | { valid: true; event: WebhookEvent };

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  capture(input: CaptureInput): Promise<CaptureResult>;
  void(input: VoidInput): Promise<VoidResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /** Verifies and normalizes an inbound webhook from the exact raw bytes that arrived. */
  parseWebhook(rawBody: Buffer | string, headers: WebhookHeaders): WebhookParseResult;
}

/**
 * Thrown when the outcome is unknown or the request can never succeed as configured.
 * `retryable` tells the job runner whether trying again (with the same idempotency key) can help:
 * true for network errors, timeouts, 5xx, 409 and 429; false for bad credentials, missing
 * permissions or an idempotency key reused with other parameters (a bug worth a dead letter).
 */
export class PaymentProviderError extends Error {
  constructor(
    readonly provider: PaymentProviderName,
    readonly operation: 'authorize' | 'capture' | 'void' | 'refund',
    readonly retryable: boolean,
    message: string,
    /** The provider's error code or HTTP status, when there was one. */
    readonly providerCode: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${provider} ${operation}: ${message}`, options);
    this.name = 'PaymentProviderError';
  }
}

/** Header lookup that ignores case: Node lower-cases incoming headers, hand-built ones may not be. */
export function headerValue(headers: WebhookHeaders, name: string): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
