/** The fake UPS's options, memory and small helpers shared by its handlers. */
import type { TrackAlertSubscription } from './subscriptions.js';

export type Json = Record<string, any>;

export interface FakeUpsOptions {
  clientId?: string;
  clientSecret?: string;
  accountNumber?: string;
  /** The value Track Alert sends back in its `credential` header. */
  webhookCredential?: string;
  /** `expires_in` of issued tokens, seconds. */
  tokenLifetimeSeconds?: number;
  /** Answer with `NegotiatedRateCharges` (10% off the published charges). */
  negotiatedRates?: boolean;
  /** Per-package published charge per UPS service code, as UPS writes money. */
  prices?: Record<string, string>;
  /** Unknown tracking numbers as the documented 404 instead of production's 200 + TW0001 warning. */
  notFoundAs404?: boolean;
  /** Send `PackageResults` as a single object for one package, as API versions before v2403 do. */
  singlePackageAsObject?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
}

export interface Fault {
  status: number;
  count: number;
  /** Only requests whose "METHOD /path" contains this text. */
  match?: string;
  retryAfter?: string;
}

export interface FakeShipment {
  shipmentId: string;
  packages: string[];
  service: string;
  voided: boolean;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const defaultPrices: Readonly<Record<string, string>> = Object.freeze({
  '03': '8.29',
  '12': '19.99',
  '02': '24.57',
  '13': '41.10',
  '01': '55.01',
  '14': '89.90',
  '11': '31.15',
  '08': '74.20',
  '65': '88.15',
  '07': '95.03',
});

/** Business days in transit the fake quotes per service. */
export const transitDays: Readonly<Record<string, number>> = Object.freeze({ '03': 4, '12': 3, '02': 2, '13': 1, '01': 1, '14': 1, '11': 5, '08': 4, '65': 2, '07': 2 });

export class FakeUpsState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountNumber: string;
  readonly webhookCredential: string;
  readonly tokenLifetimeSeconds: number;
  readonly prices: Record<string, string>;
  readonly tokens = new Set<string>();
  readonly shipments = new Map<string, FakeShipment>();
  /** Track API `package` objects by tracking number. */
  readonly tracking = new Map<string, Json>();
  /** Track Alert subscriptions made, one per number UPS accepted, oldest first. */
  readonly subscriptions: TrackAlertSubscription[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  tokensIssued = 0;
  sequence = 0;

  constructor(readonly options: FakeUpsOptions) {
    this.clientId = options.clientId ?? 'fake-ups-client';
    this.clientSecret = options.clientSecret ?? 'fake-ups-secret';
    this.accountNumber = options.accountNumber ?? 'A1B2C3';
    this.webhookCredential = options.webhookCredential ?? 'fake-ups-track-alert-credential';
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 14_399;
    this.prices = { ...defaultPrices, ...(options.prices ?? {}) };
  }
}

export function upsError(status: number, code: string, message: string): Reply {
  return { status, body: { response: { errors: [{ code, message }] } } };
}

export function list(value: unknown): Json[] {
  if (Array.isArray(value)) return value as Json[];
  return value && typeof value === 'object' ? [value as Json] : [];
}

/** Cents ↔ UPS money text, exact. */
export function toCents(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

export function money(cents: number, currency: string): Json {
  return { CurrencyCode: currency, MonetaryValue: `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}` };
}

export function currencyOf(country: string | undefined): string {
  return ({ US: 'USD', PR: 'USD', CA: 'CAD', GB: 'GBP', MX: 'MXN' } as Record<string, string>)[country ?? ''] ?? 'EUR';
}

/** `YYYYMMDD` plus business days. */
export function addBusinessDaysCompact(date: string, days: number): string {
  const at = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) left--;
  }
  return at.toISOString().slice(0, 10).replace(/-/g, '');
}
