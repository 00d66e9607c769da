/**
 * The web app's pure rules, run in Node: the tracking page's progress bar, readable text on a
 * shop's colour, dates and money, and reading the emailed links' fragment and the sign-in `next`.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorOf } from '../../web/src/api/problem.js';
import { contrastRatio, readableTextOn, usableOnWhite } from '../../web/src/shared/colour.js';
import { formatDay, formatMoney, placeOf, statusLabel } from '../../web/src/shared/format.js';
import { nextPath, tokenOfFragment } from '../../web/src/shared/urls.js';
import { beforeShipping, progressOf, STEPS } from '../../web/src/track/progress.js';

describe('progressOf', () => {
  it('walks the four steps of the happy path', () => {
    expect(STEPS.map((s) => s.status)).toEqual(['label_created', 'in_transit', 'out_for_delivery', 'delivered']);
    expect(progressOf('label_created')).toEqual({ reached: 0, tone: 'normal', note: null });
    expect(progressOf('in_transit', ['in_transit'])).toEqual({ reached: 1, tone: 'normal', note: null });
    expect(progressOf('out_for_delivery', ['in_transit', 'out_for_delivery'])).toEqual({ reached: 2, tone: 'normal', note: null });
    expect(progressOf('delivered', ['in_transit', 'out_for_delivery', 'delivered'])).toEqual({ reached: 3, tone: 'done', note: null });
  });

  it('shows exceptions where the parcel got to, with a note', () => {
    const exception = progressOf('exception', ['in_transit', 'exception'], 'weather_delay');
    expect(exception).toMatchObject({ reached: 1, tone: 'problem' });
    expect(exception.note).toContain('weather delay');
    expect(progressOf('failed_attempt', ['in_transit', 'out_for_delivery', 'failed_attempt'])).toMatchObject({ reached: 2, tone: 'attention' });
    expect(progressOf('available_for_pickup')).toMatchObject({ reached: 2, tone: 'attention' });
    expect(progressOf('returned_to_sender', ['in_transit', 'out_for_delivery'])).toMatchObject({ reached: 2, tone: 'problem' });
    expect(progressOf('cancelled')).toMatchObject({ tone: 'problem' });
    expect(progressOf('exception', [])).toMatchObject({ reached: 0, tone: 'problem' });
  });

  it('never moves the bar back for a late scan', () => {
    expect(progressOf('in_transit', ['in_transit', 'out_for_delivery'])).toMatchObject({ reached: 2 });
  });

  it('has a line for an order that has not shipped', () => {
    expect(beforeShipping('processing')).toMatch(/preparing/);
    expect(beforeShipping('cancelled')).toMatch(/cancelled/);
  });
});

describe('colours', () => {
  it('picks readable text for any brand colour (WCAG contrast)', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 0);
    for (const brand of ['#1f6feb', '#2d6a4f', '#ffb703', '#ffffff', '#000000', '#f78166', '#777777']) {
      const text = readableTextOn(brand);
      expect(contrastRatio(brand, text), brand).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableTextOn('#ffe066')).toBe('#000000');
    expect(readableTextOn('#0969da')).toBe('#ffffff');
  });

  it('keeps a pale brand colour off white backgrounds', () => {
    expect(usableOnWhite('#2d6a4f', '#0969da')).toBe('#2d6a4f');
    expect(usableOnWhite('#ffe066', '#0969da')).toBe('#0969da');
    expect(usableOnWhite('red', '#0969da')).toBe('#0969da');
  });
});

describe('formatting', () => {
  it('reads an ETA (end of a day in UTC) as that day', () => {
    expect(formatDay('2026-11-24T23:59:59.999Z', 'en-GB')).toBe('Tue, 24 Nov 2026');
    expect(formatDay('2026-11-24', 'en-GB')).toBe('Tue, 24 Nov 2026');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('formats minor units in their currency', () => {
    expect(formatMoney(1999, 'USD', 'en-US')).toBe('$19.99');
    expect(formatMoney(1999, 'JPY', 'en-US')).toBe('¥1,999');
  });

  it('names statuses and places', () => {
    expect(statusLabel('out_for_delivery')).toBe('Out for delivery');
    expect(statusLabel('some_new_status')).toBe('Some new status');
    expect(placeOf({ city: 'Austin', region: 'TX', country: 'US' })).toBe('Austin, TX, US');
    expect(placeOf({ city: 'Berlin', region: null, country: 'DE' })).toBe('Berlin, DE');
  });
});

describe('URLs the pages are opened with', () => {
  it("reads an emailed link's token from the fragment", () => {
    expect(tokenOfFragment('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenOfFragment('')).toBeNull();
    expect(tokenOfFragment('#token=<script>')).toBeNull();
  });

  it('goes back after sign-in only within the area', () => {
    expect(nextPath('?next=%2Faccount%2Forders', '/account', '/account/orders')).toBe('/account/orders');
    expect(nextPath('?next=https%3A%2F%2Fevil.example', '/account', '/account/orders')).toBe('/account/orders');
    expect(nextPath('?next=%2F%2Fevil.example', '/account', '/account/orders')).toBe('/account/orders');
    expect(nextPath('?next=%2Fadmin', '/account', '/account/orders')).toBe('/account/orders');
    expect(nextPath('', '/admin', '/admin')).toBe('/admin');
  });
});

describe('ApiError', () => {
  it('keeps the problem and its field messages', () => {
    const error = apiErrorOf(422, { code: 'validation_failed', detail: 'password is too short', errors: [{ path: 'password', message: 'must be at least 8 characters' }] });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.fieldMessage('password')).toBe('must be at least 8 characters');
    expect(error.fieldMessage('email')).toBeUndefined();
    expect(apiErrorOf(502, '<html>Bad gateway</html>')).toMatchObject({ status: 502, code: 'http_502' });
    expect(apiErrorOf(429, { code: 'rate_limited', detail: 'slow down', retry_after: 30 }).retryAfter).toBe(30);
  });
});
