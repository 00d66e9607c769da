/**
 * The notifications part of the environment: SMTP and Twilio (without them, messages go to the dev
 * outbox), the shop's branding and template folder, SMS quiet hours, and outbound webhooks.
 */
import { existsSync, statSync } from 'node:fs';
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

export interface NotificationSettings {
  /** `smtp://…` or `smtps://…`; null: the dev outbox. */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly twilio: { readonly accountSid: string; readonly authToken: string; readonly from: string; readonly baseUrl: string } | null;
  readonly branding: {
    readonly logoUrl: string | null;
    readonly primaryColor: string;
    readonly accentColor: string;
    readonly websiteUrl: string | null;
  };
  /** A folder whose templates replace the built-in ones of the same name. */
  readonly templatesDir: string | null;
  /** No SMS between these local times of the shipping address (`21:00-08:00`). */
  readonly smsQuietHours: string;
}

export interface WebhookSettings {
  /** Outbound webhooks may target private and loopback addresses (tests, internal networks). */
  readonly allowPrivate: boolean;
}

function value(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function colour(env: Env, name: string, fallback: string): string {
  const v = value(env, name) ?? fallback;
  if (!/^#[0-9a-fA-F]{6}$/.test(v)) throw new ConfigError(name, `must be a colour like #1f6feb, got "${v}"`);
  return v;
}

function url(env: Env, name: string, schemes: RegExp): string | null {
  const v = value(env, name);
  if (v === null) return null;
  try {
    const parsed = new URL(v);
    if (!schemes.test(parsed.protocol)) throw new Error('scheme');
  } catch {
    throw new ConfigError(name, `is not a valid URL of the expected kind, got "${v}"`);
  }
  return v;
}

export function loadNotificationSettings(env: Env, shopSupportEmail: string): NotificationSettings {
  const sid = value(env, 'WAYBILL_TWILIO_ACCOUNT_SID');
  const token = value(env, 'WAYBILL_TWILIO_AUTH_TOKEN');
  const from = value(env, 'WAYBILL_TWILIO_FROM');
  const anyTwilio = sid ?? token ?? from;
  if (anyTwilio !== null && (sid === null || token === null || from === null)) {
    const missing = sid === null ? 'WAYBILL_TWILIO_ACCOUNT_SID' : token === null ? 'WAYBILL_TWILIO_AUTH_TOKEN' : 'WAYBILL_TWILIO_FROM';
    throw new ConfigError(missing, 'is required together with the other WAYBILL_TWILIO_* settings');
  }
  if (from !== null && !/^\+[1-9]\d{6,14}$/.test(from)) throw new ConfigError('WAYBILL_TWILIO_FROM', `must be an E.164 number like +15125550100, got "${from}"`);
  const templatesDir = value(env, 'WAYBILL_TEMPLATES_DIR');
  if (templatesDir !== null && !(existsSync(templatesDir) && statSync(templatesDir).isDirectory())) throw new ConfigError('WAYBILL_TEMPLATES_DIR', `is not a folder: "${templatesDir}"`);
  const quiet = value(env, 'WAYBILL_SMS_QUIET_HOURS') ?? '21:00-08:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(quiet)) throw new ConfigError('WAYBILL_SMS_QUIET_HOURS', `must look like 21:00-08:00, got "${quiet}"`);
  const mailFrom = value(env, 'WAYBILL_MAIL_FROM') ?? shopSupportEmail;
  return Object.freeze({
    smtpUrl: url(env, 'SMTP_URL', /^smtps?:$/),
    mailFrom,
    twilio: sid && token && from ? Object.freeze({ accountSid: sid, authToken: token, from, baseUrl: (url(env, 'WAYBILL_TWILIO_BASE_URL', /^https?:$/) ?? 'https://api.twilio.com').replace(/\/+$/, '') }) : null,
    branding: Object.freeze({
      logoUrl: url(env, 'WAYBILL_SHOP_LOGO_URL', /^https?:$/),
      primaryColor: colour(env, 'WAYBILL_SHOP_PRIMARY_COLOR', '#1f6feb'),
      accentColor: colour(env, 'WAYBILL_SHOP_ACCENT_COLOR', '#f78166'),
      websiteUrl: url(env, 'WAYBILL_SHOP_URL', /^https?:$/),
    }),
    templatesDir,
    smsQuietHours: quiet,
  });
}

export function loadWebhookSettings(env: Env): WebhookSettings {
  const raw = value(env, 'WAYBILL_WEBHOOKS_ALLOW_PRIVATE');
  if (raw !== null && !['0', '1', 'true', 'false', 'on', 'off'].includes(raw.toLowerCase())) throw new ConfigError('WAYBILL_WEBHOOKS_ALLOW_PRIVATE', `must be 1 or 0, got "${raw}"`);
  return Object.freeze({ allowPrivate: raw !== null && ['1', 'true', 'on'].includes(raw.toLowerCase()) });
}
