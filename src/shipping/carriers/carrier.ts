/**
 * The contract every carrier adapter implements (sim, ups, fedex, dhl, usps).
 *
 * An adapter speaks its carrier's HTTP API in the carrier's own documented shapes and hands back
 * Waybill's shapes: money in integer minor units, times as RFC 3339 UTC strings, statuses in the one
 * tracking vocabulary of `tracking-vocabulary.ts` (mapped by a table per carrier; an unknown code maps
 * to `unknown` with its raw text kept, never to a guess).
 *
 * Expected "no" answers (an address the carrier cannot serve, a number it does not know, a label it
 * refuses to void) are RETURNED as values. Only failures whose outcome is unknown or that no retry can
 * fix as configured (network, timeouts, 5xx, 429, bad credentials) are thrown, as `CarrierError`.
 */
import type { IncidentReason, ShipmentStatus } from './tracking-vocabulary.js';

export type CarrierName = 'sim' | 'ups' | 'fedex' | 'dhl' | 'usps';
export const carrierNames: readonly CarrierName[] = ['sim', 'ups', 'fedex', 'dhl', 'usps'];

export interface CarrierAddress {
  name?: string | null;
  company?: string | null;
  line1?: string | null;
  line2?: string | null;
  city: string;
  /** State / province code where the country has them (US: two letters). */
  region?: string | null;
  postal_code?: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string | null;
  email?: string | null;
}

/** One physical package. Dimensions are outer dimensions. */
export interface Parcel {
  weight_grams: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
}

/** A service the carrier offers, by Waybill's code for it (`ground`, `next_day_air`, …). */
export interface CarrierService {
  /** Waybill's code, stable, snake_case; what shipments and rules name. */
  code: string;
  /** The carrier's own code for it (UPS "03", FedEx "FEDEX_GROUND", DHL product "P"…). */
  carrierCode: string;
  name: string;
  /** Nominal business days in transit: the ETA when the carrier gives none. */
  transitDays: number;
  /** True for services that cross borders only (or domestic only): used to filter quotes. */
  scope?: 'domestic' | 'international' | 'any';
}

export interface RateRequest {
  origin: CarrierAddress;
  destination: CarrierAddress;
  parcels: readonly Parcel[];
  /** The currency the shop wants quotes in (quotes in another currency are kept but not compared). */
  currency: string;
  /** When the parcels are handed over. */
  shipDate: Date;
  /** Only these of Waybill's service codes (all when absent). */
  services?: readonly string[];
}

export interface RateQuote {
  carrier: CarrierName;
  /** Waybill's service code. */
  service: string;
  serviceName: string;
  /** Integer minor units of `currency`, for all parcels together. */
  amount: number;
  currency: string;
  /** Business days in transit as the carrier says, else the service's nominal days. */
  transitDays: number | null;
  /** `YYYY-MM-DD`, the carrier's estimate, else derived from transit days. */
  estimatedDeliveryDate: string | null;
}

export type RateResult = { ok: true; quotes: RateQuote[] } | { ok: false; code: string; message: string };

export interface LabelRequest {
  origin: CarrierAddress;
  destination: CarrierAddress;
  parcels: readonly Parcel[];
  /** Waybill's service code. */
  service: string;
  currency: string;
  shipDate: Date;
  /** Waybill's shipment id: printed as the reference on the label; the sim dedupes by it. */
  reference: string;
}

export interface LabelDocument {
  /** `application/pdf`, `image/png`, `image/gif` or `application/zpl`: what the carrier sent. */
  contentType: string;
  data: Buffer;
}

export interface PackageLabel {
  trackingNumber: string;
  label: LabelDocument;
}

export type LabelResult =
  | {
      ok: true;
      /** The shipment's (master) tracking number; with one parcel the same as packages[0]'s. */
      trackingNumber: string;
      /** One per parcel, in the order they were given. */
      packages: PackageLabel[];
      /** What the carrier charges, when its answer says. */
      amount: number | null;
      currency: string | null;
      /** The carrier's id for the shipment where it differs from the tracking number (voiding needs it). */
      carrierReference: string | null;
      estimatedDeliveryDate: string | null;
      /** RFC 3339 UTC, when the carrier's estimate is finer than a date (the sim's is). */
      estimatedDelivery?: string | null;
    }
  | { ok: false; code: string; message: string };

export interface VoidRequest {
  trackingNumber: string;
  carrierReference: string | null;
  /** Every package's number (some carriers void package by package). */
  packageTrackingNumbers: readonly string[];
}

export type VoidResult = { ok: true } | { ok: false; code: string; message: string };

export interface EventLocation {
  city: string | null;
  region: string | null;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2, or null when the carrier gives none. */
  country: string | null;
}

/** One scan, normalized. */
export interface CarrierEvent {
  /** The carrier's own id for this event, when it has one (deduplication prefers it). */
  eventId: string | null;
  /** The package's tracking number this scan is about. */
  trackingNumber: string;
  /** The carrier's raw status/event code, e.g. UPS "D" + "KB", FedEx "DL", DHL "transit". */
  code: string;
  /** The carrier's text, as sent. */
  description: string;
  /** RFC 3339 UTC, from the carrier's own timestamp (whatever form it sent). */
  occurredAt: string;
  location: EventLocation | null;
  status: ShipmentStatus;
  reason: IncidentReason | null;
  /** Who signed, on delivery, when the carrier says. */
  signedBy: string | null;
  /** A proof-of-delivery link or reference, when the carrier gives one. */
  proofOfDelivery: string | null;
  /** The carrier's own object for this event, kept as-is. */
  raw: unknown;
}

export type TrackResult =
  | {
      found: true;
      trackingNumber: string;
      events: CarrierEvent[];
      /** RFC 3339 UTC (end of the window when the carrier gives a window), or null. */
      estimatedDelivery: string | null;
    }
  | { found: false; trackingNumber: string; message: string };

/** What one webhook delivery carries, per tracking number. */
export interface WebhookTracking {
  trackingNumber: string;
  events: CarrierEvent[];
  estimatedDelivery: string | null;
}

export interface WebhookDelivery {
  /** The id that makes a redelivery recognisable (the carrier's delivery/event id, else a hash of the body). */
  deliveryId: string;
  updates: WebhookTracking[];
}

/** `valid: false`: unauthenticated or unparseable; the route answers 401 and writes nothing. */
export type WebhookParseResult = { valid: false } | { valid: true; delivery: WebhookDelivery };

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface Carrier {
  readonly name: CarrierName;
  /** Human name for pages and emails ("UPS", "FedEx", "DHL Express", "USPS", "Waybill Sim"). */
  readonly displayName: string;
  readonly services: readonly CarrierService[];
  /** How many numbers one track() call may carry (UPS 1, FedEx 30, DHL 1, USPS 1, sim 100). */
  readonly trackBatchSize: number;
  /** Track requests a minute that polling may spend on this carrier. */
  readonly trackRequestsPerMinute: number;
  rate(request: RateRequest): Promise<RateResult>;
  createLabel(request: LabelRequest): Promise<LabelResult>;
  voidLabel(request: VoidRequest): Promise<VoidResult>;
  /** One TrackResult per number asked, in the same order; at most trackBatchSize numbers. */
  track(trackingNumbers: readonly string[]): Promise<TrackResult[]>;
  /** Verifies (signature or shared secret) and parses an inbound webhook from the exact raw bytes. */
  parseWebhook(rawBody: Buffer, headers: WebhookHeaders): WebhookParseResult;
  /** The carrier's public tracking page for a number. */
  trackingUrl(trackingNumber: string): string;
  /**
   * For carriers that push only numbers subscribed one by one (UPS Track Alert, DHL push, USPS
   * subscriptions): ask them to send these numbers' events to `webhookUrl`. Carriers whose webhooks
   * are configured once per account (FedEx) or that push by themselves (the sim) leave it out.
   */
  subscribe?(request: SubscribeRequest): Promise<SubscribeResult>;
}

export interface SubscribeRequest {
  trackingNumbers: readonly string[];
  /** `…/webhooks/carriers/{carrier}` on Waybill's public URL. */
  webhookUrl: string;
}

export type SubscribeResult = { ok: true } | { ok: false; code: string; message: string };

export type CarrierOperation = 'auth' | 'rate' | 'label' | 'void' | 'track' | 'subscribe';

/**
 * The outcome is unknown or configuration must fix it. `retryable`: true for network errors,
 * timeouts, 5xx and 429 (with `retryAfterMs` when the carrier said); false for 401/403 and requests
 * the carrier says are malformed (a bug worth a dead letter).
 */
export class CarrierError extends Error {
  constructor(
    readonly carrier: CarrierName,
    readonly operation: CarrierOperation,
    readonly retryable: boolean,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${carrier} ${operation}: ${message}`, options);
    this.name = 'CarrierError';
  }
}

/** Header lookup that ignores case and takes the first of repeated headers. */
export function header(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
