/**
 * The browser-session part of the environment: how long a session lives without use (idle) and at
 * most (absolute), and whether cookies are marked Secure. `auto` marks them Secure when customers
 * reach the server over https (WAYBILL_PUBLIC_URL), which is when a browser would keep them.
 */
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

export interface AuthSettings {
  /** A session unused this long is over (OWASP: 15–30 minutes for most applications). */
  readonly sessionIdleMs: number;
  /** A session is over this long after sign-in, however busy. */
  readonly sessionAbsoluteMs: number;
  /** Cookies carry `Secure` (and the `__Host-` name prefix). */
  readonly secureCookies: boolean;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function loadAuthSettings(env: Env, publicUrl: string): AuthSettings {
  const idleMinutes = whole(env, 'WAYBILL_SESSION_IDLE_MINUTES', 30, 1, 24 * 60);
  const absoluteHours = whole(env, 'WAYBILL_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 90);
  if (idleMinutes > absoluteHours * 60) throw new ConfigError('WAYBILL_SESSION_IDLE_MINUTES', `must not be longer than WAYBILL_SESSION_ABSOLUTE_HOURS (${absoluteHours} h)`);
  const mode = (env.WAYBILL_SECURE_COOKIES ?? '').trim().toLowerCase() || 'auto';
  if (!['auto', 'on', 'off'].includes(mode)) throw new ConfigError('WAYBILL_SECURE_COOKIES', `must be auto, on or off, got "${env.WAYBILL_SECURE_COOKIES}"`);
  const https = publicUrl.startsWith('https://');
  return Object.freeze({
    sessionIdleMs: idleMinutes * 60_000,
    sessionAbsoluteMs: absoluteHours * 3_600_000,
    secureCookies: mode === 'on' || (mode === 'auto' && https),
  });
}
