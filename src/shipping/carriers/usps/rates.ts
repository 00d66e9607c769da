/**
 * Rate quotes from USPS Domestic Prices 3.0 (POST /prices/v3/base-rates/search, one call per
 * mail class and parcel: USPS prices one piece at a time) and delivery days from Service
 * Standards 3.0 (GET /service-standards/v3/estimates). Request building and answer reading are
 * pure functions; `quoteUsps` does the calls.
 */
import type { CarrierService, Parcel, RateQuote, RateRequest, RateResult } from '../carrier.js';
import { CarrierError } from '../carrier.js';
import { addBusinessDays, utcDate } from '../carrier-time.js';
import type { UspsSettings } from '../../../config-shipping.js';
import type { UspsSession } from './auth.js';
import { readUspsError, type UspsProblem } from './errors.js';
import { isDomestic, uspsServices } from './services.js';
import { decimalToMinor, gramsToPounds, mmToInches, splitZip } from './units.js';

export function baseRateRequest(request: RateRequest, parcel: Parcel, mailClass: string, payment: UspsSettings['payment']): Record<string, unknown> {
  const body: Record<string, unknown> = {
    originZIPCode: splitZip(request.origin.postal_code).zip5,
    destinationZIPCode: splitZip(request.destination.postal_code).zip5,
    weight: gramsToPounds(parcel.weight_grams),
    length: mmToInches(parcel.length_mm),
    width: mmToInches(parcel.width_mm),
    height: mmToInches(parcel.height_mm),
    mailClass,
    processingCategory: 'MACHINABLE',
    rateIndicator: 'SP',
    destinationEntryFacilityType: 'NONE',
    // Commercial prices need the account that will pay; without one USPS quotes retail.
    priceType: payment ? 'COMMERCIAL' : 'RETAIL',
    mailingDate: utcDate(request.shipDate),
  };
  if (payment) {
    body.accountType = payment.accountType;
    body.accountNumber = payment.accountNumber;
  }
  return body;
}

/** `totalBasePrice` in cents, else the sum of `rates[].price`, else null. */
export function readBasePrice(body: unknown): number | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const total = decimalToMinor(b.totalBasePrice);
  if (total !== null) return total;
  if (!Array.isArray(b.rates) || b.rates.length === 0) return null;
  let sum = 0;
  for (const rate of b.rates as Record<string, unknown>[]) {
    const price = decimalToMinor(rate?.price);
    if (price === null) return null;
    sum += price;
  }
  return sum;
}

export interface DeliveryEstimate {
  transitDays: number | null;
  date: string | null;
}

/** The first estimate's `serviceStandard` (days) and `delivery.scheduledDeliveryDateTime` date. */
export function readEstimate(body: unknown): DeliveryEstimate {
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  if (!first || typeof first !== 'object') return { transitDays: null, date: null };
  const days = Number(first.serviceStandard);
  const delivery = (first.delivery ?? {}) as Record<string, unknown>;
  const scheduled = typeof delivery.scheduledDeliveryDateTime === 'string' ? delivery.scheduledDeliveryDateTime : null;
  const date = scheduled !== null && /^\d{4}-\d{2}-\d{2}/.test(scheduled) ? scheduled.slice(0, 10) : null;
  return { transitDays: Number.isInteger(days) && days >= 0 ? days : null, date };
}

async function estimate(session: UspsSession, request: RateRequest, service: CarrierService): Promise<DeliveryEstimate> {
  const query = new URLSearchParams({
    originZIPCode: splitZip(request.origin.postal_code).zip5,
    destinationZIPCode: splitZip(request.destination.postal_code).zip5,
    mailClass: service.carrierCode,
    acceptanceDate: utcDate(request.shipDate),
  });
  try {
    const response = await session.send('rate', `/service-standards/v3/estimates?${query.toString()}`);
    return response.status === 200 ? readEstimate(response.body) : { transitDays: null, date: null };
  } catch (error) {
    // Delivery days are a nicety on a quote: without them the service's nominal days stand.
    if (error instanceof CarrierError) return { transitDays: null, date: null };
    throw error;
  }
}

type ServiceOutcome = { ok: true; quote: RateQuote } | { ok: false; problem: UspsProblem };

async function quoteService(session: UspsSession, settings: UspsSettings, request: RateRequest, service: CarrierService): Promise<ServiceOutcome> {
  let amount = 0;
  for (const parcel of request.parcels) {
    const response = await session.send('rate', '/prices/v3/base-rates/search', { json: baseRateRequest(request, parcel, service.carrierCode, settings.payment) });
    if (response.status !== 200) return { ok: false, problem: readUspsError(response) };
    const price = readBasePrice(response.body);
    if (price === null) return { ok: false, problem: { code: 'unreadable_price', message: `USPS answered no price for ${service.carrierCode}` } };
    amount += price;
  }
  const eta = await estimate(session, request, service);
  const transitDays = eta.transitDays ?? service.transitDays;
  return {
    ok: true,
    quote: {
      carrier: 'usps',
      service: service.code,
      serviceName: service.name,
      amount,
      // USPS prices are in US dollars whatever the shop asked for.
      currency: 'USD',
      transitDays,
      estimatedDeliveryDate: eta.date ?? addBusinessDays(request.shipDate, transitDays),
    },
  };
}

export async function quoteUsps(session: UspsSession, settings: UspsSettings, request: RateRequest): Promise<RateResult> {
  if (!isDomestic(request.origin.country) || !isDomestic(request.destination.country)) {
    return { ok: false, code: 'unsupported_destination', message: 'USPS services here are domestic only' };
  }
  if (request.parcels.length === 0) return { ok: false, code: 'no_parcels', message: 'nothing to rate' };
  const wanted = uspsServices.filter((s) => !request.services || request.services.includes(s.code));
  if (wanted.length === 0) return { ok: false, code: 'unknown_service', message: `USPS offers none of ${request.services?.join(', ')}` };
  const outcomes = await Promise.all(wanted.map((service) => quoteService(session, settings, request, service)));
  const quotes = outcomes.flatMap((o) => (o.ok ? [o.quote] : []));
  if (quotes.length > 0) return { ok: true, quotes };
  // Every mail class refused (a parcel too heavy for all of them, a ZIP Code USPS does not know):
  // USPS's own reason for the first one.
  const first = outcomes.find((o): o is { ok: false; problem: UspsProblem } => !o.ok)!;
  return { ok: false, code: first.problem.code, message: first.problem.message };
}
