import { describe, expect, it } from 'vitest';
import { linkFor, TOKEN_LIFETIME_MS, tokenState } from './token-rules.js';

describe('link tokens', () => {
  it('are short-lived where they sign in or reset, and work once', () => {
    expect(TOKEN_LIFETIME_MS.magic_link).toBeLessThanOrEqual(15 * 60_000);
    expect(TOKEN_LIFETIME_MS.password_reset).toBeLessThanOrEqual(60 * 60_000);
    const now = new Date('2026-11-22T10:00:00.000Z');
    const fresh = { used_at: null, expires_at: '2026-11-22T10:15:00.000Z' };
    expect(tokenState(fresh, now)).toBe('usable');
    expect(tokenState({ ...fresh, used_at: now.toISOString() }, now)).toBe('used');
    expect(tokenState(fresh, new Date('2026-11-22T10:15:00.000Z'))).toBe('expired');
  });

  it('travel in the URL fragment, which no server or Referer sees', () => {
    expect(linkFor('https://shop.example', 'magic_link', 'abc')).toBe('https://shop.example/account/sign-in/link#token=abc');
    expect(linkFor('https://shop.example', 'password_reset', 'abc')).toBe('https://shop.example/account/reset-password#token=abc');
    expect(linkFor('https://shop.example', 'verify_email', 'abc')).toBe('https://shop.example/account/verify-email#token=abc');
  });
});
