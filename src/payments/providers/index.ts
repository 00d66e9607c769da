/**
 * Payment providers: the interface, the built-in `test` provider and Stripe. The payments
 * capability picks one per payment by the provider name stored on it.
 */
import { createStripeProvider, type StripeProviderOptions } from './stripe-provider.js';
import { createTestProvider } from './test-provider.js';
import type { PaymentProvider } from './provider.js';

export type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureInput,
  CaptureResult,
  Failure,
  PaymentProvider,
  PaymentProviderName,
  RefundInput,
  RefundResult,
  VoidInput,
  VoidResult,
  WebhookEvent,
  WebhookHeaders,
  WebhookParseResult,
  WebhookStatus,
} from './provider.js';
export { PaymentProviderError } from './provider.js';
export { createTestProvider, testTokens } from './test-provider.js';
export { createStripeProvider, normalizeStripeEvent, type StripeProviderOptions } from './stripe-provider.js';

/** Stripe's settings as `config.stripe` holds them (null: Stripe is not configured). */
export type StripeSettings = Pick<StripeProviderOptions, 'secretKey' | 'webhookSecret' | 'apiBase'>;

/**
 * The providers this installation offers: `test` always (a fresh install takes orders with
 * `tok_visa`), Stripe when a secret key is configured. `options` reach the Stripe provider
 * (retries, timeout, the clock webhook ages are measured against).
 */
export function createProviders(stripe: StripeSettings | null, options: Omit<StripeProviderOptions, keyof StripeSettings> = {}): PaymentProvider[] {
  const test = createTestProvider();
  return stripe === null ? [test] : [test, createStripeProvider({ ...options, ...stripe })];
}
