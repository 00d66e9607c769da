/** Payments: provider calls (test, Stripe), payment and refund records, the payment state table. */
export { authorizeWith, createPaymentProviders, providersOf, type PaymentProviders } from './provider-registry.js';
export {
  findPayment,
  findPaymentByReference,
  findRefund,
  insertPayment,
  insertRefund,
  movePayment,
  moveRefund,
  paymentsOfOrder,
  paymentsOfOrders,
  recordWebhookEvent,
  refundsOfOrder,
  refundsOfOrders,
  refundsHeld,
  type Payment,
  type Refund,
} from './payment.repository.js';
export { canMovePayment, orderPaymentStatus, paymentStatuses, refundable, statusAfterRefund, type PaymentStatus } from './payment-status.js';
export type { AuthorizeResult, PaymentProvider, WebhookEvent } from './providers/provider.js';
