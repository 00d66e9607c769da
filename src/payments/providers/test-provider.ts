/**
 * The built-in `test` provider, so that a fresh install can take orders without any account.
 *
 * It keeps no state at all: the reference is derived from the idempotency key and carries the
 * token's behaviour (`tpi_<hash>`, `tpi_capfail_<hash>`), so capture, void and refund decide from
 * the reference alone. A process that crashes and restarts, or a second worker process, answers
 * exactly as the first would have; and a retry with the same key yields the same reference, just
 * as a real provider's idempotency would.
 *
 * Tokens: `tok_visa` approves; `tok_decline` declines (`card_declined`); `tok_capture_fails`
 * authorizes but every capture fails (`capture_failed`); anything else declines (`invalid_token`).
 */
import { createHash } from 'node:crypto';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureInput,
  CaptureResult,
  Failure,
  PaymentProvider,
  RefundInput,
  RefundResult,
  VoidInput,
  VoidResult,
  WebhookParseResult,
} from './provider.js';

export const testTokens = { approve: 'tok_visa', decline: 'tok_decline', captureFails: 'tok_capture_fails' } as const;

const approvedRef = /^tpi_[0-9a-f]{24}$/;
const captureFailsRef = /^tpi_capfail_[0-9a-f]{24}$/;

/** 96 bits of the key's SHA-256: distinct keys never meet in practice, and the same key always maps the same. */
function digest(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24);
}

function failed(code: string, message: string): Failure {
  return { outcome: 'failed', code, message };
}

type Kind = 'approved' | 'capture_fails' | 'unknown';

function kindOf(reference: string): Kind {
  if (approvedRef.test(reference)) return 'approved';
  if (captureFailsRef.test(reference)) return 'capture_fails';
  return 'unknown';
}

function isAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0;
}

const noSuchPayment = (reference: string): Failure => failed('resource_missing', `No test payment with reference "${reference}"`);
const badAmount = (amount: number): Failure => failed('invalid_amount', `Amount must be a positive integer in minor units, got ${amount}`);

export function createTestProvider(): PaymentProvider {
  return {
    name: 'test',

    async authorize({ amount, currency, token, idempotencyKey }: AuthorizeInput): Promise<AuthorizeResult> {
      if (!isAmount(amount)) return { outcome: 'declined', code: 'invalid_amount', message: `Amount must be a positive integer in minor units, got ${amount}` };
      if (!/^[A-Z]{3}$/.test(currency)) return { outcome: 'declined', code: 'invalid_currency', message: `Currency must be an ISO 4217 code, got "${currency}"` };
      switch (token) {
        case testTokens.approve:
          return { outcome: 'authorized', reference: `tpi_${digest(idempotencyKey)}` };
        case testTokens.captureFails:
          return { outcome: 'authorized', reference: `tpi_capfail_${digest(idempotencyKey)}` };
        case testTokens.decline:
          return { outcome: 'declined', code: 'card_declined', message: 'Your card was declined (test token tok_decline).' };
        default:
          return { outcome: 'declined', code: 'invalid_token', message: `Unknown test token; use ${testTokens.approve}, ${testTokens.decline} or ${testTokens.captureFails}.` };
      }
    },

    async capture({ reference, amount }: CaptureInput): Promise<CaptureResult> {
      if (!isAmount(amount)) return badAmount(amount);
      switch (kindOf(reference)) {
        case 'approved':
          return { outcome: 'captured' };
        case 'capture_fails':
          return failed('capture_failed', 'The capture was refused (test token tok_capture_fails).');
        default:
          return noSuchPayment(reference);
      }
    },

    async void({ reference }: VoidInput): Promise<VoidResult> {
      return kindOf(reference) === 'unknown' ? noSuchPayment(reference) : { outcome: 'voided' };
    },

    async refund({ reference, amount, idempotencyKey }: RefundInput): Promise<RefundResult> {
      if (!isAmount(amount)) return badAmount(amount);
      switch (kindOf(reference)) {
        case 'approved':
          return { outcome: 'refunded', reference: `tre_${digest(idempotencyKey)}` };
        case 'capture_fails':
          // Its capture always fails, so there is never captured money to return.
          return failed('charge_not_captured', 'Nothing was captured on this payment, so nothing can be refunded.');
        default:
          return noSuchPayment(reference);
      }
    },

    parseWebhook(): WebhookParseResult {
      // The test provider sends no webhooks: anything claiming to be one is not authentic.
      return { valid: false };
    },
  };
}
