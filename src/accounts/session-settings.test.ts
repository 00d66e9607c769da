import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error.js';
import { loadAuthSettings } from '../config-auth.js';
import { loadConfig } from '../config.js';

describe('session settings (config-auth.ts)', () => {
  it('defaults to 30 minutes idle, 12 hours absolute, Secure cookies only behind https', () => {
    expect(loadAuthSettings({}, 'http://127.0.0.1:3000')).toEqual({ sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000, secureCookies: false });
    expect(loadAuthSettings({}, 'https://shop.example').secureCookies).toBe(true);
    expect(loadConfig({ WAYBILL_PUBLIC_URL: 'https://shop.example' }).auth.secureCookies).toBe(true);
  });

  it('takes the timeouts and the cookie mode from the environment', () => {
    const env = { WAYBILL_SESSION_IDLE_MINUTES: '15', WAYBILL_SESSION_ABSOLUTE_HOURS: '8', WAYBILL_SECURE_COOKIES: 'on' };
    expect(loadAuthSettings(env, 'http://localhost:3000')).toEqual({ sessionIdleMs: 15 * 60_000, sessionAbsoluteMs: 8 * 3_600_000, secureCookies: true });
    expect(loadAuthSettings({ WAYBILL_SECURE_COOKIES: 'off' }, 'https://shop.example').secureCookies).toBe(false);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadAuthSettings({ WAYBILL_SESSION_IDLE_MINUTES: 'soon' }, 'http://x')).toThrow(ConfigError);
    expect(() => loadAuthSettings({ WAYBILL_SESSION_IDLE_MINUTES: '0' }, 'http://x')).toThrow(/WAYBILL_SESSION_IDLE_MINUTES/);
    expect(() => loadAuthSettings({ WAYBILL_SESSION_IDLE_MINUTES: '120', WAYBILL_SESSION_ABSOLUTE_HOURS: '1' }, 'http://x')).toThrow(/WAYBILL_SESSION_ABSOLUTE_HOURS/);
    expect(() => loadAuthSettings({ WAYBILL_SECURE_COOKIES: 'sometimes' }, 'http://x')).toThrow(/WAYBILL_SECURE_COOKIES/);
  });
});
