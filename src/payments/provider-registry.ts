/**
 * The enabled payment providers, by name: `test` always (so a fresh install takes orders), Stripe
 * when its secret key is configured.
 */
import type { Config } from '../config.js';
import type { AuthorizeResult, PaymentProvider } from './providers/provider.js';
import { createProviders } from './providers/index.js';

export interface PaymentProviders {
  get(name: string): PaymentProvider | undefined;
  readonly names: readonly string[];
}

export function providersOf(list: readonly PaymentProvider[]): PaymentProviders {
  const byName = new Map(list.map((p) => [p.name as string, p]));
  return { get: (name) => byName.get(name), names: [...byName.keys()] };
}

export function createPaymentProviders(config: Pick<Config, 'stripe'>): PaymentProviders {
  return providersOf(createProviders(config.stripe));
}

/**
 * Authorizes a payment record's amount. The idempotency key is the payment's own id, so the request
 * that placed the order and the recovery job after a crash make the same request: one charge.
 */
export async function authorizeWith(
  providers: PaymentProviders,
  payment: { id: string; provider: string; token: string; amount: number; currency: string; orderNumber: string; orderId: string },
): Promise<AuthorizeResult> {
  const provider = providers.get(payment.provider);
  if (provider === undefined) throw new Error(`payment provider ${payment.provider} is not enabled`);
  return provider.authorize({
    amount: payment.amount,
    currency: payment.currency,
    token: payment.token,
    idempotencyKey: `${payment.id}:authorize`,
    description: `Order ${payment.orderNumber}`,
    metadata: { order_id: payment.orderId, order_number: payment.orderNumber, payment_id: payment.id },
  });
}
