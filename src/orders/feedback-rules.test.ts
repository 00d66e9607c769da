import { describe, expect, it } from 'vitest';
import { deliveryArrived, feedbackChanged, normalizeComment } from './feedback-rules.js';

describe('deliveryArrived', () => {
  it('is true once the order is delivered or returned', () => {
    expect(deliveryArrived('delivered', [])).toBe(true);
    expect(deliveryArrived('returned', [])).toBe(true);
  });

  it('is true when any outbound parcel was delivered, even while the order is partly shipped', () => {
    expect(deliveryArrived('partially_shipped', [{ kind: 'outbound', status: 'delivered', delivered_at: '2026-12-01T10:00:00.000Z' }])).toBe(true);
    expect(deliveryArrived('in_transit', [{ kind: 'outbound', status: 'exception', delivered_at: '2026-12-01T10:00:00.000Z' }])).toBe(true);
  });

  it('is false before anything arrived; a return parcel delivered to the warehouse does not count', () => {
    expect(deliveryArrived('placed', [])).toBe(false);
    expect(deliveryArrived('out_for_delivery', [{ kind: 'outbound', status: 'out_for_delivery', delivered_at: null }])).toBe(false);
    expect(deliveryArrived('shipped', [{ kind: 'return', status: 'delivered', delivered_at: '2026-12-01T10:00:00.000Z' }])).toBe(false);
  });
});

describe('normalizeComment', () => {
  it('trims, and keeps no empty comment', () => {
    expect(normalizeComment('  Fast!  ')).toBe('Fast!');
    expect(normalizeComment('   ')).toBeNull();
    expect(normalizeComment(undefined)).toBeNull();
    expect(normalizeComment(null)).toBeNull();
  });
});

describe('feedbackChanged', () => {
  it('is a change when there was none, or the rating or comment differs', () => {
    expect(feedbackChanged(null, { rating: 5, comment: null })).toBe(true);
    expect(feedbackChanged({ rating: 5, comment: null }, { rating: 4, comment: null })).toBe(true);
    expect(feedbackChanged({ rating: 5, comment: null }, { rating: 5, comment: 'ok' })).toBe(true);
    expect(feedbackChanged({ rating: 5, comment: 'ok' }, { rating: 5, comment: 'ok' })).toBe(false);
  });
});
