/**
 * The shipping part of the environment: which carriers are enabled (a carrier is enabled when its
 * configuration is present; the built-in `sim` unless switched off), their credentials, and the
 * rules of rate shopping, polling and exceptions. Read by config.ts, validated the same way.
 */
import { ConfigError } from './config-error.js';
import { DEVELOPMENT_SIM_WEBHOOK_SECRET } from './config-secrets.js';

type Env = Record<string, string | undefined>;

export interface SimShares {
  /** Share of parcels that arrive a day or more after their ETA. */
  readonly delay: number;
  /** Share with a failed delivery attempt before delivery. */
  readonly failedAttempt: number;
  /** Share with an exception (damage, address problem, weather…) on the way. */
  readonly exception: number;
  /** Share that ends returned to sender. */
  readonly returnToSender: number;
}

export interface SimSettings {
  readonly enabled: boolean;
  /** The sim's clock runs this many times faster than real time. */
  readonly speed: number;
  /** HMAC-SHA256 key of the sim's webhooks (header `x-sim-signature`). */
  readonly webhookSecret: string;
  readonly shares: SimShares;
  /** Where the sim posts its events (default: this server's own listen address). */
  readonly webhookUrl: string | null;
}

export interface UpsSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountNumber: string;
  /** The value UPS Track Alert sends back in its `credential` header. */
  readonly webhookCredential: string | null;
}

export interface FedexSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountNumber: string;
  /** Key of the `fdx-signature` HMAC on FedEx webhooks. */
  readonly webhookSecret: string | null;
}

export interface DhlSettings {
  /** Unified Shipment Tracking (and push) API. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Shared secret of push subscriptions (checked on every push). */
  readonly webhookSecret: string | null;
  /** MyDHL Express (rates and labels), when its credentials are given; else DHL only tracks. */
  readonly express: { readonly baseUrl: string; readonly username: string; readonly password: string; readonly accountNumber: string } | null;
}

export interface UspsSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Secret of USPS tracking subscriptions' notifications. */
  readonly webhookSecret: string | null;
  /** Payment account for labels (CRID, MIDs, EPS account); without it USPS only rates and tracks. */
  readonly payment: { readonly crid: string; readonly mid: string; readonly manifestMid: string; readonly accountNumber: string; readonly accountType: string } | null;
}

export interface ShippingRule {
  readonly carrier: string;
  readonly service?: string;
  /** false switches the carrier (or just this service) off. */
  readonly enabled?: boolean;
  readonly max_weight_grams?: number;
  /** Only to these destination countries (ISO alpha-2). */
  readonly countries?: readonly string[];
  /** Never to these. */
  readonly exclude_countries?: readonly string[];
}

export interface ShippingSettings {
  readonly sim: SimSettings;
  readonly ups: UpsSettings | null;
  readonly fedex: FedexSettings | null;
  readonly dhl: DhlSettings | null;
  readonly usps: UspsSettings | null;
  readonly rules: readonly ShippingRule[];
  /** Business days from placing within which an order is promised (best_value's deadline). */
  readonly promiseDays: number;
  /** A shipment that no webhook updated for this long is polled. */
  readonly pollAfterMinutes: number;
  /** An in-transit shipment with no scan for this long raises attention. */
  readonly noScanHours: number;
  /** Polling stops this many days after the label was bought. */
  readonly trackingDays: number;
}

function value(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function baseUrl(env: Env, name: string, fallback: string): string {
  const raw = value(env, name) ?? fallback;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(raw)) throw new ConfigError(name, `must be an http(s) base URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function share(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new ConfigError(name, `must be a share between 0 and 1, got "${raw}"`);
  return n;
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** All of `names` or none: half a carrier's credentials is a mistake worth stopping for. */
function allOrNone(env: Env, names: readonly string[]): Record<string, string> | null {
  const present = names.filter((n) => value(env, n) !== null);
  if (present.length === 0) return null;
  const missing = names.filter((n) => value(env, n) === null);
  if (missing.length > 0) throw new ConfigError(missing[0]!, `is required together with ${present.join(', ')}`);
  return Object.fromEntries(names.map((n) => [n, value(env, n)!]));
}

function sim(env: Env): SimSettings {
  const rawSpeed = value(env, 'WAYBILL_SIM_SPEED');
  const speed = rawSpeed === null ? 1440 : Number(rawSpeed);
  if (!Number.isFinite(speed) || speed < 1 || speed > 10_000_000) throw new ConfigError('WAYBILL_SIM_SPEED', `must be a number from 1 to 10000000, got "${rawSpeed}"`);
  const enabled = value(env, 'WAYBILL_SIM');
  if (enabled !== null && !['on', 'off'].includes(enabled)) throw new ConfigError('WAYBILL_SIM', `must be on or off, got "${enabled}"`);
  const webhookUrl = value(env, 'WAYBILL_SIM_WEBHOOK_URL');
  if (webhookUrl !== null && !/^https?:\/\/\S+$/.test(webhookUrl)) throw new ConfigError('WAYBILL_SIM_WEBHOOK_URL', `must be an http(s) URL, got "${webhookUrl}"`);
  return Object.freeze({
    enabled: enabled !== 'off',
    speed,
    // A simulator's key: a fixed development default is enough, and every process agrees on it.
    // Production mode refuses it (config-production.ts): anyone could sign sim tracking events.
    webhookSecret: value(env, 'WAYBILL_SIM_WEBHOOK_SECRET') ?? DEVELOPMENT_SIM_WEBHOOK_SECRET,
    shares: Object.freeze({
      delay: share(env, 'WAYBILL_SIM_DELAY_SHARE', 0.1),
      failedAttempt: share(env, 'WAYBILL_SIM_FAILED_ATTEMPT_SHARE', 0.05),
      exception: share(env, 'WAYBILL_SIM_EXCEPTION_SHARE', 0.03),
      returnToSender: share(env, 'WAYBILL_SIM_RETURN_SHARE', 0.01),
    }),
    webhookUrl,
  });
}

function rules(env: Env): ShippingRule[] {
  const raw = value(env, 'WAYBILL_SHIPPING_RULES');
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('WAYBILL_SHIPPING_RULES', 'is not JSON');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('WAYBILL_SHIPPING_RULES', 'must be a JSON array of rules');
  const known = new Set(['carrier', 'service', 'enabled', 'max_weight_grams', 'countries', 'exclude_countries']);
  return parsed.map((rule: unknown, i) => {
    const where = `rule ${i}`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where} is not an object`);
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!known.has(key)) throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where} has an unknown field "${key}"`);
    if (typeof r.carrier !== 'string' || r.carrier === '') throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where} needs a carrier`);
    if (r.service !== undefined && typeof r.service !== 'string') throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where}: service must be text`);
    if (r.enabled !== undefined && typeof r.enabled !== 'boolean') throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where}: enabled must be true or false`);
    if (r.max_weight_grams !== undefined && !(Number.isInteger(r.max_weight_grams) && (r.max_weight_grams as number) > 0)) {
      throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where}: max_weight_grams must be a positive whole number`);
    }
    for (const list of ['countries', 'exclude_countries'] as const) {
      const v = r[list];
      if (v !== undefined && !(Array.isArray(v) && v.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c)))) {
        throw new ConfigError('WAYBILL_SHIPPING_RULES', `${where}: ${list} must be a list of ISO country codes`);
      }
    }
    return Object.freeze(r as unknown as ShippingRule);
  });
}

export function loadShippingSettings(env: Env): ShippingSettings {
  const ups = allOrNone(env, ['WAYBILL_UPS_CLIENT_ID', 'WAYBILL_UPS_CLIENT_SECRET', 'WAYBILL_UPS_ACCOUNT_NUMBER']);
  const fedex = allOrNone(env, ['WAYBILL_FEDEX_CLIENT_ID', 'WAYBILL_FEDEX_CLIENT_SECRET', 'WAYBILL_FEDEX_ACCOUNT_NUMBER']);
  const dhlKey = value(env, 'WAYBILL_DHL_API_KEY');
  const dhlExpress = allOrNone(env, ['WAYBILL_DHL_EXPRESS_USERNAME', 'WAYBILL_DHL_EXPRESS_PASSWORD', 'WAYBILL_DHL_ACCOUNT_NUMBER']);
  if (dhlExpress && !dhlKey) throw new ConfigError('WAYBILL_DHL_API_KEY', 'is required for DHL (tracking) when MyDHL Express credentials are given');
  const usps = allOrNone(env, ['WAYBILL_USPS_CLIENT_ID', 'WAYBILL_USPS_CLIENT_SECRET']);
  const uspsPayment = allOrNone(env, ['WAYBILL_USPS_CRID', 'WAYBILL_USPS_MID', 'WAYBILL_USPS_ACCOUNT_NUMBER']);
  if (uspsPayment && !usps) throw new ConfigError('WAYBILL_USPS_CLIENT_ID', 'is required when a USPS payment account is given');
  return Object.freeze({
    sim: sim(env),
    ups: ups && {
      baseUrl: baseUrl(env, 'WAYBILL_UPS_BASE_URL', 'https://onlinetools.ups.com'),
      clientId: ups.WAYBILL_UPS_CLIENT_ID!,
      clientSecret: ups.WAYBILL_UPS_CLIENT_SECRET!,
      accountNumber: ups.WAYBILL_UPS_ACCOUNT_NUMBER!,
      webhookCredential: value(env, 'WAYBILL_UPS_WEBHOOK_CREDENTIAL'),
    },
    fedex: fedex && {
      baseUrl: baseUrl(env, 'WAYBILL_FEDEX_BASE_URL', 'https://apis.fedex.com'),
      clientId: fedex.WAYBILL_FEDEX_CLIENT_ID!,
      clientSecret: fedex.WAYBILL_FEDEX_CLIENT_SECRET!,
      accountNumber: fedex.WAYBILL_FEDEX_ACCOUNT_NUMBER!,
      webhookSecret: value(env, 'WAYBILL_FEDEX_WEBHOOK_SECRET'),
    },
    dhl: dhlKey
      ? {
          baseUrl: baseUrl(env, 'WAYBILL_DHL_BASE_URL', 'https://api-eu.dhl.com'),
          apiKey: dhlKey,
          webhookSecret: value(env, 'WAYBILL_DHL_WEBHOOK_SECRET'),
          express: dhlExpress && {
            baseUrl: baseUrl(env, 'WAYBILL_DHL_EXPRESS_BASE_URL', 'https://express.api.dhl.com/mydhlapi'),
            username: dhlExpress.WAYBILL_DHL_EXPRESS_USERNAME!,
            password: dhlExpress.WAYBILL_DHL_EXPRESS_PASSWORD!,
            accountNumber: dhlExpress.WAYBILL_DHL_ACCOUNT_NUMBER!,
          },
        }
      : null,
    usps: usps && {
      baseUrl: baseUrl(env, 'WAYBILL_USPS_BASE_URL', 'https://apis.usps.com'),
      clientId: usps.WAYBILL_USPS_CLIENT_ID!,
      clientSecret: usps.WAYBILL_USPS_CLIENT_SECRET!,
      webhookSecret: value(env, 'WAYBILL_USPS_WEBHOOK_SECRET'),
      payment: uspsPayment && {
        crid: uspsPayment.WAYBILL_USPS_CRID!,
        mid: uspsPayment.WAYBILL_USPS_MID!,
        manifestMid: value(env, 'WAYBILL_USPS_MANIFEST_MID') ?? uspsPayment.WAYBILL_USPS_MID!,
        accountNumber: uspsPayment.WAYBILL_USPS_ACCOUNT_NUMBER!,
        accountType: value(env, 'WAYBILL_USPS_ACCOUNT_TYPE') ?? 'EPS',
      },
    },
    rules: rules(env),
    promiseDays: wholeNumber(env, 'WAYBILL_PROMISE_DAYS', 5, 0, 60),
    pollAfterMinutes: wholeNumber(env, 'WAYBILL_POLL_AFTER_MINUTES', 240, 1, 100_000),
    noScanHours: wholeNumber(env, 'WAYBILL_NO_SCAN_HOURS', 48, 1, 10_000),
    trackingDays: wholeNumber(env, 'WAYBILL_TRACKING_DAYS', 30, 1, 365),
  });
}
