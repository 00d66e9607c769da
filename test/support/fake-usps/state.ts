/** The fake's memory and options: credentials, issued tokens, labels, tracked numbers, faults. */
import type { Json, TrackedItem } from './shapes.js';

export interface FakeUspsOptions {
  clientId?: string;
  clientSecret?: string;
  /** The payment account the fake accepts in payment authorizations. */
  crid?: string;
  mid?: string;
  accountNumber?: string;
  /** Lifetime of access tokens, seconds. */
  tokenLifetimeSeconds?: number;
  /** Key of the notifications' `X-HMAC` (the subscription's `secret`). */
  webhookSecret?: string;
}

export const FAKE_USPS = {
  clientId: 'usps-waybill-client',
  clientSecret: 'usps-waybill-secret',
  crid: '56982563',
  mid: '904128936',
  accountNumber: '1000405525',
  webhookSecret: 'usps-subscription-secret-32chars!',
} as const;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON or form fields when the request had a body, else null. */
  body: Json | null;
  status: number;
}

/**
 * Answer the next `count` requests whose `"METHOD /path"` contains `match` with `status`
 * (after letting `skip` of them through).
 */
export interface FakeUspsFault {
  status: number;
  count?: number;
  match?: string;
  skip?: number;
  body?: Json;
}

export interface IssuedLabel {
  trackingNumber: string;
  mailClass: string;
  reference: string | null;
  postageCents: number;
  canceled: boolean;
  /** Manifested (in USPS's systems): no cancel, only a refund the fake refuses. */
  manifested: boolean;
}

/** A tracking subscription the fake made (POST /subscriptions-tracking/v3/subscriptions). */
export interface FakeSubscription {
  subscriptionId: string;
  listenerURL: string;
  secret: string;
  trackingNumber: string;
  adminNotification: Json[] | null;
}

export interface FakeState {
  options: Required<FakeUspsOptions>;
  requests: RecordedRequest[];
  faults: (FakeUspsFault & { left: number; toSkip: number })[];
  accessTokens: Set<string>;
  paymentTokens: Set<string>;
  labels: Map<string, IssuedLabel>;
  tracked: Map<string, TrackedItem>;
  subscriptions: FakeSubscription[];
  /** mailClass → price in dollars, replacing the list price (e.g. 8.02, to test exact cents). */
  priceOverrides: Map<string, number>;
  counts: { tokens: number; paymentAuthorizations: number; labels: number; cancels: number };
  nextSerial: number;
}

export function newState(options: FakeUspsOptions): FakeState {
  return {
    options: {
      clientId: options.clientId ?? FAKE_USPS.clientId,
      clientSecret: options.clientSecret ?? FAKE_USPS.clientSecret,
      crid: options.crid ?? FAKE_USPS.crid,
      mid: options.mid ?? FAKE_USPS.mid,
      accountNumber: options.accountNumber ?? FAKE_USPS.accountNumber,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 28_800,
      webhookSecret: options.webhookSecret ?? FAKE_USPS.webhookSecret,
    },
    requests: [],
    faults: [],
    accessTokens: new Set(),
    paymentTokens: new Set(),
    labels: new Map(),
    tracked: new Map(),
    subscriptions: [],
    priceOverrides: new Map(),
    counts: { tokens: 0, paymentAuthorizations: 0, labels: 0, cancels: 0 },
    nextSerial: 1,
  };
}
