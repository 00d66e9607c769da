import { describe, expect, it } from 'vitest';
import { canMovePayment, orderPaymentStatus, paymentStatuses, paymentTransitions, initialPaymentStatus, statusAfterRefund, type PaymentStatus } from './payment-status.js';

describe('payment state table', () => {
  it('reaches every status from the initial one', () => {
    const seen = new Set<PaymentStatus>([initialPaymentStatus]);
    const queue: PaymentStatus[] = [initialPaymentStatus];
    while (queue.length > 0) {
      for (const next of paymentTransitions[queue.shift()!]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...paymentStatuses].sort());
  });

  it('ends only in declined, voided or refunded', () => {
    const deadEnds = paymentStatuses.filter((s) => paymentTransitions[s].length === 0);
    expect(deadEnds.sort()).toEqual(['declined', 'refunded', 'voided']);
  });

  it('never voids captured money nor captures a voided authorization', () => {
    expect(canMovePayment('captured', 'voided')).toBe(false);
    expect(canMovePayment('voided', 'captured')).toBe(false);
    expect(canMovePayment('authorizing', 'captured')).toBe(false);
  });

  it('refunds partially until everything captured came back', () => {
    expect(statusAfterRefund({ amount_captured: 1000, amount_refunded: 0 }, 400)).toBe('partially_refunded');
    expect(statusAfterRefund({ amount_captured: 1000, amount_refunded: 400 }, 600)).toBe('refunded');
  });

  it('shows an order without payment as not_required and an authorization in progress as pending', () => {
    expect(orderPaymentStatus(null)).toBe('not_required');
    expect(orderPaymentStatus({ status: 'authorizing' })).toBe('pending');
    expect(orderPaymentStatus({ status: 'captured' })).toBe('captured');
  });
});
