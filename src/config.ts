/**
 * The environment, read and validated once at start. A bad value stops the process with one line
 * naming the variable (ConfigError), so a typo never turns into a silently different behaviour.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config-error.js';
import { loadAuthSettings, type AuthSettings } from './config-auth.js';
import { assertProductionSecrets } from './config-production.js';
import { loadReturnSettings, type ReturnSettings } from './config-returns.js';
import { loadReplenishmentSettings, type ReplenishmentSettings } from './config-replenishment.js';
import { loadNotificationSettings, loadWebhookSettings, type NotificationSettings, type WebhookSettings } from './config-notifications.js';
import { loadShippingSettings, type ShippingSettings } from './config-shipping.js';
import { defaultBoxCatalog, parseBoxCatalog, type BoxCatalog } from './fulfillment/box-catalog.js';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string; synchronous: 'NORMAL' | 'FULL'; cacheMib: number }
  | { kind: 'postgres'; url: string; poolSize: number };

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Base URL customers reach this server at; used in tracking links. */
  readonly publicUrl: string;
  readonly database: DatabaseTarget;
  readonly adminKey: string | null;
  readonly workerEnabled: boolean;
  readonly production: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly requestLogging: boolean;
  /** Requests per minute per principal (API key, or IP when anonymous); 0 switches the limit off. */
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly maxOrderLines: number;
  /** Flat shipping charge per order in minor units until carrier rates price it. */
  readonly shippingFee: number;
  /** Tax on the subtotal in basis points (825 = 8.25%). */
  readonly taxRateBps: number;
  /** Stripe, when WAYBILL_STRIPE_SECRET_KEY is set; the `test` provider is always there. */
  readonly stripe: { readonly secretKey: string; readonly webhookSecret: string | null; readonly apiBase: string | null } | null;
  /** When authorized money is captured: when the order ships (default) or on delivery (escrow). */
  readonly captureAt: 'shipment' | 'delivery';
  /** Pipeline steps an operator confirms by hand instead of the worker (`pack`). */
  readonly manualSteps: ReadonlySet<'pack'>;
  /** The boxes packing chooses from (WAYBILL_BOXES as JSON, or the default corrugated set). */
  readonly boxes: BoxCatalog;
  /** A job's lease: a worker that dies loses its jobs to another after this long. */
  readonly jobLeaseMs: number;
  /** Jobs one worker runs at once. */
  readonly workerConcurrency: number;
  /** Who the shop is, on invoices and packing slips. */
  readonly shop: { readonly name: string; readonly address: string; readonly supportEmail: string };
  /** Carriers, rate-shopping rules, polling and exception thresholds (config-shipping.ts). */
  readonly shipping: ShippingSettings;
  /** Email, SMS, branding and templates (config-notifications.ts). */
  readonly notifications: NotificationSettings;
  readonly webhooks: WebhookSettings;
  /** Browser sessions: idle and absolute timeouts, Secure cookies (config-auth.ts). */
  readonly auth: AuthSettings;
  /** The return policy: window, non-returnable SKUs, reasons, restocking fee, auto-approval (config-returns.ts). */
  readonly returns: ReturnSettings;
  /** Reordering at the reorder point, receipt tolerance, demand window (config-replenishment.ts). */
  readonly replenishment: ReplenishmentSettings;
  /** The built web app (`vite build` output: portal, admin, tracking page) that the server serves. */
  readonly webDir: string;
}

export { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase() as T;
  if (!allowed.includes(value)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be on or off, got "${raw}"`);
}

/**
 * SQLite's page cache for the serving connection, in MiB (WAYBILL_SQLITE_CACHE_MIB). An upper
 * bound, allocated as pages are used: resident memory rises with the database file until the file
 * outgrows it (the soak bench grows its database past it before measuring).
 */
const SQLITE_CACHE_MIB_DEFAULT = 64;

/** WAYBILL_SQLITE_CACHE_MIB as the server reads it (the soak bench reads it the same way). */
export function sqliteCacheMib(env: Env): number {
  return integer(env, 'WAYBILL_SQLITE_CACHE_MIB', SQLITE_CACHE_MIB_DEFAULT, 1, 4096);
}

function database(env: Env): DatabaseTarget {
  const url = text(env, 'DATABASE_URL', './data/waybill.db');
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url, poolSize: integer(env, 'WAYBILL_PG_POOL_SIZE', 10, 1, 500) };
  }
  const file = sqliteFileOf(url);
  if (file === null) throw new ConfigError('DATABASE_URL', `must be postgres://… or a SQLite file path, got "${url}"`);
  const synchronous = oneOf(env, 'WAYBILL_SQLITE_SYNCHRONOUS', ['normal', 'full'], 'normal');
  return { kind: 'sqlite', file, synchronous: synchronous === 'full' ? 'FULL' : 'NORMAL', cacheMib: sqliteCacheMib(env) };
}

/**
 * The SQLite file a DATABASE_URL names: a path, `sqlite:<path>`, or a `file:` URL or path (as other
 * tools write them: `file:./data/w.db`, `file:///srv/w.db`); null for any other scheme.
 */
function sqliteFileOf(url: string): string | null {
  // SQLite URI parameters (?mode=ro…) are not supported: refused rather than silently dropped.
  if (/^file:/i.test(url) && /[?#]/.test(url)) return null;
  if (/^file:\/\//i.test(url)) {
    try {
      return fileURLToPath(url);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return null;
  for (const prefix of ['sqlite:', 'file:']) if (url.toLowerCase().startsWith(prefix)) return url.slice(prefix.length);
  return url;
}

/**
 * `dist/web` of the package this file belongs to, found by walking up to its package.json: the same
 * folder whether the server runs from source (src/config.ts, tests) or built (dist/src/config.js).
 */
function defaultWebDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

function stripe(env: Env): Config['stripe'] {
  const secretKey = env.WAYBILL_STRIPE_SECRET_KEY;
  if (!secretKey) return null;
  if (!/^(sk|rk)_(test|live)_\S+$/.test(secretKey)) throw new ConfigError('WAYBILL_STRIPE_SECRET_KEY', 'must be a Stripe secret key (sk_test_…, sk_live_… or a restricted rk_… key)');
  const apiBase = env.WAYBILL_STRIPE_API_BASE ? env.WAYBILL_STRIPE_API_BASE : null;
  if (apiBase !== null && !/^https?:\/\/[^/\s]+\/?$/.test(apiBase)) throw new ConfigError('WAYBILL_STRIPE_API_BASE', `must be a base URL like http://127.0.0.1:12111, got "${apiBase}"`);
  return Object.freeze({ secretKey, webhookSecret: env.WAYBILL_STRIPE_WEBHOOK_SECRET ? env.WAYBILL_STRIPE_WEBHOOK_SECRET : null, apiBase });
}

function boxCatalog(env: Env): BoxCatalog {
  if (!env.WAYBILL_BOXES) return defaultBoxCatalog;
  try {
    return parseBoxCatalog(env.WAYBILL_BOXES);
  } catch (error) {
    throw new ConfigError('WAYBILL_BOXES', error instanceof Error ? error.message : String(error));
  }
}

function manualSteps(env: Env): ReadonlySet<'pack'> {
  const raw = text(env, 'WAYBILL_MANUAL_STEPS', '');
  const steps = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const step of steps) if (step !== 'pack') throw new ConfigError('WAYBILL_MANUAL_STEPS', `knows only "pack", got "${step}"`);
  return new Set(steps as 'pack'[]);
}

export function loadConfig(env: Env = process.env): Config {
  const host = text(env, 'HOST', '127.0.0.1');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const production = text(env, 'NODE_ENV', 'development') === 'production';
  const adminKey = env.WAYBILL_ADMIN_KEY ? env.WAYBILL_ADMIN_KEY : null;
  if (adminKey !== null && adminKey.length < 24) {
    throw new ConfigError('WAYBILL_ADMIN_KEY', 'must be at least 24 characters so that it cannot be guessed');
  }
  const publicUrl = text(env, 'WAYBILL_PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError('WAYBILL_PUBLIC_URL', `is not a URL: "${publicUrl}"`);
  }
  const config: Config = Object.freeze({
    host,
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    database: Object.freeze(database(env)),
    adminKey,
    workerEnabled: oneOf(env, 'WAYBILL_WORKER', ['on', 'off'], 'on') === 'on',
    production,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    requestLogging: flag(env, 'WAYBILL_REQUEST_LOGS', false),
    rateLimitPerMinute: integer(env, 'WAYBILL_RATE_LIMIT_PER_MINUTE', 6000, 0, 1_000_000_000),
    bodyLimitBytes: integer(env, 'WAYBILL_BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    maxOrderLines: integer(env, 'WAYBILL_MAX_ORDER_LINES', 500, 1, 10_000),
    shippingFee: integer(env, 'WAYBILL_SHIPPING_FEE', 0, 0, 100_000_000),
    taxRateBps: integer(env, 'WAYBILL_TAX_RATE_BPS', 0, 0, 10_000),
    stripe: stripe(env),
    captureAt: oneOf(env, 'WAYBILL_CAPTURE_AT', ['shipment', 'delivery'], 'shipment'),
    manualSteps: manualSteps(env),
    boxes: boxCatalog(env),
    jobLeaseMs: integer(env, 'WAYBILL_JOB_LEASE_MS', 30_000, 500, 3_600_000),
    workerConcurrency: integer(env, 'WAYBILL_WORKER_CONCURRENCY', 4, 1, 256),
    shop: Object.freeze({
      name: text(env, 'WAYBILL_SHOP_NAME', 'Waybill Demo Shop'),
      address: text(env, 'WAYBILL_SHOP_ADDRESS', '1 Commerce Way, Austin, TX 78701, US'),
      supportEmail: text(env, 'WAYBILL_SUPPORT_EMAIL', 'support@shop.example'),
    }),
    shipping: loadShippingSettings(env),
    notifications: loadNotificationSettings(env, text(env, 'WAYBILL_SUPPORT_EMAIL', 'support@shop.example')),
    webhooks: loadWebhookSettings(env),
    auth: loadAuthSettings(env, publicUrl),
    returns: loadReturnSettings(env),
    replenishment: loadReplenishmentSettings(env),
    webDir: resolve(text(env, 'WAYBILL_WEB_DIR', defaultWebDir())),
  });
  // NODE_ENV=production: no empty, default or weak secret (config-production.ts).
  if (production) assertProductionSecrets(env, config);
  return config;
}
