/**
 * Stripe through its official SDK: a PaymentIntent confirmed at once with manual capture, so that
 * authorizing holds the money and capturing (at the configured capture point) takes it.
 *
 * Every request carries the caller's idempotency key; the SDK's own network retries reuse it, and
 * so does the caller's job retry after a crash, so Stripe performs each operation once. Stripe's
 * answers are sorted three ways: 402 card errors are declines, other 400/404 answers are refusals
 * (both returned), and everything whose outcome is unknown (network, timeout, 5xx, 409, 429) or
 * that configuration must fix (401, 403, idempotency conflicts) is thrown as PaymentProviderError.
 */
import Stripe from 'stripe';
import { systemClock, type Clock } from '../../platform/clock.js';
import {
  headerValue,
  PaymentProviderError,
  type AuthorizeInput,
  type AuthorizeResult,
  type CaptureInput,
  type CaptureResult,
  type Failure,
  type PaymentProvider,
  type RefundInput,
  type RefundResult,
  type VoidInput,
  type VoidResult,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookParseResult,
  type WebhookStatus,
} from './provider.js';

export interface StripeProviderOptions {
  /** `sk_test_…`, `sk_live_…` or a restricted `rk_…` key (WAYBILL_STRIPE_SECRET_KEY). */
  secretKey: string;
  /** `whsec_…` (WAYBILL_STRIPE_WEBHOOK_SECRET); without it every webhook is rejected. */
  webhookSecret?: string | null;
  /** A local server speaking Stripe's API, e.g. `http://127.0.0.1:12111` (WAYBILL_STRIPE_API_BASE). */
  apiBase?: string | null;
  /** SDK retries of network errors, 409 and 5xx, with the same idempotency key. Default 2. */
  maxNetworkRetries?: number;
  /** Per-request timeout. Default 20 s: well inside a job lease, long enough for a slow issuer. */
  timeoutMs?: number;
  /** How old a webhook signature may be (replay protection). Default: Stripe's 300 s. */
  webhookToleranceSeconds?: number;
  /** The clock webhook ages are measured against. */
  clock?: Clock;
}

type Operation = PaymentProviderError['operation'];

/** `http://127.0.0.1:12111` → the SDK's host/port/protocol options. */
export function stripeEndpoint(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Stripe API base must be http(s), got "${apiBase}"`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

function refused(error: Stripe.errors.StripeError, fallbackCode: string): Failure {
  return { outcome: 'failed', code: error.code ?? fallbackCode, message: error.message };
}

/**
 * Rethrows whatever is not an answer about the payment itself, so that only 402 and 400/404
 * errors reach the caller's `catch` as a StripeError to turn into a returned value.
 */
function rethrowUnlessAnswer(error: unknown, operation: Operation): Stripe.errors.StripeError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    throw new PaymentProviderError('stripe', operation, true, error instanceof Error ? error.message : String(error), null, { cause: error });
  }
  if (error instanceof Stripe.errors.StripeCardError) return error;
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    // Our key was used with other parameters: a bug on our side that no retry can fix.
    throw new PaymentProviderError('stripe', operation, false, error.message, 'idempotency_error', { cause: error });
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) return error;
  const fatal = error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError;
  const code = error.code ?? (error.statusCode === undefined ? error.type : String(error.statusCode));
  throw new PaymentProviderError('stripe', operation, !fatal, error.message, code, { cause: error });
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'Waybill' },
    ...(options.apiBase ? stripeEndpoint(options.apiBase) : {}),
  });
  const clock = options.clock ?? systemClock;
  const webhookSecret = options.webhookSecret ?? null;
  const tolerance = options.webhookToleranceSeconds ?? stripe.webhooks.DEFAULT_TOLERANCE;

  /**
   * After `payment_intent_unexpected_state`, what the intent is now. It tells a capture or void
   * that already happened (the idempotency key expired after 24 h, or someone used the
   * dashboard) from one that truly cannot happen.
   */
  async function currentStatus(reference: string, operation: Operation): Promise<Stripe.PaymentIntent.Status | null> {
    try {
      return (await stripe.paymentIntents.retrieve(reference)).status;
    } catch (error) {
      rethrowUnlessAnswer(error, operation);
      return null;
    }
  }

  return {
    name: 'stripe',

    async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            payment_method: input.token,
            // Cards only: nothing can redirect, so no return_url is needed and confirm is synchronous.
            // (The SDK's API version 2026-10-28 renamed `payment_method_types` to this.)
            allowed_payment_method_types: ['card'],
            capture_method: 'manual',
            confirm: true,
            ...(input.description === undefined ? {} : { description: input.description }),
            ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (intent.status === 'requires_capture' || intent.status === 'succeeded') return { outcome: 'authorized', reference: intent.id };
        // requires_action (3-D Secure) cannot complete without the customer, who is not here;
        // no money is held, and Stripe lets the incomplete intent lapse.
        const code = intent.status === 'requires_action' ? 'authentication_required' : intent.last_payment_error?.code ?? 'payment_incomplete';
        return { outcome: 'declined', code, message: intent.last_payment_error?.message ?? `The payment could not be completed (status ${intent.status}).` };
      } catch (error) {
        const answer = rethrowUnlessAnswer(error, 'authorize');
        // A 400 here is as final as a decline (no such payment method, amount below the minimum…).
        const declineCode = answer.decline_code;
        return { outcome: 'declined', code: answer.code ?? 'card_declined', message: answer.message, ...(declineCode ? { declineCode } : {}) };
      }
    },

    async capture({ reference, amount, idempotencyKey }: CaptureInput): Promise<CaptureResult> {
      try {
        const intent = await stripe.paymentIntents.capture(reference, { amount_to_capture: amount }, { idempotencyKey });
        return intent.status === 'succeeded' ? { outcome: 'captured' } : { outcome: 'failed', code: 'capture_incomplete', message: `The PaymentIntent is ${intent.status} after capture.` };
      } catch (error) {
        const answer = rethrowUnlessAnswer(error, 'capture');
        if (answer.code === 'payment_intent_unexpected_state' && (await currentStatus(reference, 'capture')) === 'succeeded') return { outcome: 'captured' };
        return refused(answer, 'capture_failed');
      }
    },

    async void({ reference, idempotencyKey }: VoidInput): Promise<VoidResult> {
      try {
        await stripe.paymentIntents.cancel(reference, {}, { idempotencyKey });
        return { outcome: 'voided' };
      } catch (error) {
        const answer = rethrowUnlessAnswer(error, 'void');
        if (answer.code === 'payment_intent_unexpected_state' && (await currentStatus(reference, 'void')) === 'canceled') return { outcome: 'voided' };
        return refused(answer, 'void_failed');
      }
    },

    async refund({ reference, amount, idempotencyKey }: RefundInput): Promise<RefundResult> {
      try {
        const refund = await stripe.refunds.create({ payment_intent: reference, amount }, { idempotencyKey });
        // `pending` is accepted and completes later; a later failure arrives as refund.failed/updated.
        if (refund.status === 'failed' || refund.status === 'canceled') {
          return { outcome: 'failed', code: refund.failure_reason ?? 'refund_failed', message: `The refund ${refund.id} is ${refund.status}.` };
        }
        return { outcome: 'refunded', reference: refund.id };
      } catch (error) {
        return refused(rethrowUnlessAnswer(error, 'refund'), 'refund_failed');
      }
    },

    parseWebhook(rawBody: Buffer | string, headers: WebhookHeaders): WebhookParseResult {
      const signature = headerValue(headers, 'stripe-signature');
      if (webhookSecret === null || typeof signature !== 'string') return { valid: false };
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret, tolerance, undefined, clock.now().getTime());
      } catch {
        // Bad signature, stale timestamp or a body that is not JSON: all equally unauthenticated.
        return { valid: false };
      }
      return { valid: true, event: normalizeStripeEvent(event) };
    },
  };
}

const paymentEventStatuses: Readonly<Record<string, WebhookStatus>> = {
  'payment_intent.amount_capturable_updated': 'authorized',
  'payment_intent.succeeded': 'captured',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'voided',
  'charge.captured': 'captured',
  'charge.failed': 'failed',
  // Also sent for a partial refund: "some money went back", the refund records say how much.
  'charge.refunded': 'refunded',
};

const refundEvents = new Set(['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated']);

function refundStatus(status: unknown): WebhookStatus {
  if (status === 'succeeded') return 'refunded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'other';
}

/** The fields the normalization reads, whichever object (intent, charge, refund) the event carries. */
interface EventObject {
  object?: unknown;
  id?: unknown;
  status?: unknown;
  payment_intent?: unknown;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
}

/** A verified Stripe event in Waybill's terms: which payment, which refund, what it means. */
export function normalizeStripeEvent(event: Stripe.Event): WebhookEvent {
  const object = event.data.object as unknown as EventObject;
  const base = { id: event.id, type: event.type, raw: event };
  if (refundEvents.has(event.type) && object.object === 'refund') {
    const refundReference = idOf(object.id);
    return { ...base, reference: idOf(object.payment_intent), ...(refundReference === null ? {} : { refundReference }), status: refundStatus(object.status) };
  }
  const reference = object.object === 'payment_intent' ? idOf(object.id) : idOf(object.payment_intent);
  return { ...base, reference, status: paymentEventStatuses[event.type] ?? 'other' };
}
