import { describe, expect, it } from 'vitest';
import { isE164, normalizePhone } from './phone.js';

describe('E.164', () => {
  it.each(['+12065550123', '+33142685300', '+4930123456', '+6834002', '+861012345678901'])('accepts %s', (n) => expect(isE164(n)).toBe(true));
  it.each(['12065550123', '+0123456789', '+1 206 555 0123', '+123456', '+1234567890123456', '', '+1206555012a'])('rejects %j', (n) => expect(isE164(n)).toBe(false));

  it('normalizes only what people type between digits', () => {
    expect(normalizePhone(' +1 (206) 555-0123 ')).toBe('+12065550123');
    expect(normalizePhone('+33 1.42.68.53.00')).toBe('+33142685300');
    // No guessing of a country code for a national number.
    expect(normalizePhone('(206) 555-0123')).toBeNull();
    expect(normalizePhone('0033142685300')).toBeNull();
  });
});
