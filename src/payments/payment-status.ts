/**
 * The payment lifecycle as data. A payment is authorized when the order is placed, captured at the
 * configured capture point, voided when the order is cancelled before capture, refunded after.
 * Every status change goes through `canMovePayment`, and the repository's updates are conditional
 * on the status they start from, so that two workers can never both act on one payment.
 */
export const paymentStatuses = ['authorizing', 'authorized', 'declined', 'captured', 'capture_failed', 'voided', 'partially_refunded', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const paymentTransitions: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  authorizing: ['authorized', 'declined'],
  authorized: ['captured', 'capture_failed', 'voided'],
  // A failed capture stays visible and can be retried, or the authorization released.
  capture_failed: ['captured', 'capture_failed', 'voided'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  declined: [],
  voided: [],
  refunded: [],
};

export const initialPaymentStatus: PaymentStatus = 'authorizing';

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return paymentTransitions[from].includes(to);
}

export function isPaymentStatus(value: string): value is PaymentStatus {
  return (paymentStatuses as readonly string[]).includes(value);
}

/** Captured money not yet refunded: what a refund may still return. */
export function refundable(payment: { amount_captured: number; amount_refunded: number }): number {
  return payment.amount_captured - payment.amount_refunded;
}

/** The status after refunding `amount` more (never past what was captured: the caller checks). */
export function statusAfterRefund(payment: { amount_captured: number; amount_refunded: number }, amount: number): PaymentStatus {
  return payment.amount_refunded + amount >= payment.amount_captured ? 'refunded' : 'partially_refunded';
}

/** Where a refund record may go: pending until the provider answers; a failed one can be retried. */
export const refundTransitions: Readonly<Record<'pending' | 'succeeded' | 'failed', readonly string[]>> = {
  pending: ['succeeded', 'failed'],
  failed: ['pending'],
  succeeded: [],
};

/** What the order shows as `payment_status` for its (latest) payment. */
export function orderPaymentStatus(payment: { status: PaymentStatus } | null): string {
  if (payment === null) return 'not_required';
  return payment.status === 'authorizing' ? 'pending' : payment.status;
}
