/**
 * MyDHL Express rating: the request (GET /rates for one piece, POST /rates for several) and the
 * reading of its `products`. Pure.
 */
import type { RateQuote, RateRequest } from '../carrier.js';
import { addBusinessDays, parseDateParts, utcDate } from '../carrier-time.js';
import { dhlDateTime, isCustomsDeclarable, metricPackage, ratingAddress } from './express-common.js';
import { decimalToMinor } from './money.js';
import { serviceByProductCode } from './services.js';

/** Query of `GET /rates` (Retrieve Rates for a one piece Shipment). */
export function rateQuery(request: RateRequest, accountNumber: string, plannedAt: Date): Record<string, string> {
  const piece = metricPackage(request.parcels[0]!);
  const query: Record<string, string> = {
    accountNumber,
    originCountryCode: request.origin.country.toUpperCase(),
    originCityName: request.origin.city,
    destinationCountryCode: request.destination.country.toUpperCase(),
    destinationCityName: request.destination.city,
    weight: String(piece.weight),
    length: String(piece.dimensions.length),
    width: String(piece.dimensions.width),
    height: String(piece.dimensions.height),
    plannedShippingDate: utcDate(plannedAt),
    isCustomsDeclarable: String(isCustomsDeclarable(request.origin, request.destination)),
    unitOfMeasurement: 'metric',
  };
  if (request.origin.postal_code) query.originPostalCode = request.origin.postal_code;
  if (request.destination.postal_code) query.destinationPostalCode = request.destination.postal_code;
  return query;
}

/** Body of `POST /rates` (Retrieve Rates for Multi-piece Shipments). */
export function rateBody(request: RateRequest, accountNumber: string, plannedAt: Date): Record<string, unknown> {
  return {
    customerDetails: { shipperDetails: ratingAddress(request.origin), receiverDetails: ratingAddress(request.destination) },
    accounts: [{ typeCode: 'shipper', number: accountNumber }],
    plannedShippingDateAndTime: dhlDateTime(plannedAt),
    unitOfMeasurement: 'metric',
    isCustomsDeclarable: isCustomsDeclarable(request.origin, request.destination),
    packages: request.parcels.map(metricPackage),
  };
}

interface DhlPrice {
  currencyType?: string;
  priceCurrency?: string;
  price?: number | string;
}

interface DhlProduct {
  productName?: string;
  productCode?: string;
  totalPrice?: DhlPrice[];
  deliveryCapabilities?: { estimatedDeliveryDateAndTime?: string; totalTransitDays?: number | string };
}

/**
 * DHL lists a price per currency type: BILLC (what the account is billed), PULCL (public rates in
 * the origin's currency), BASEC (base currency). The one in the shop's currency wins; else BILLC.
 */
export function pickPrice(prices: readonly DhlPrice[] | undefined, currency: string): { amount: number; currency: string } | null {
  const priced = (prices ?? []).filter((p) => typeof p.priceCurrency === 'string' && decimalToMinor(p.price, p.priceCurrency) !== null);
  const chosen = priced.find((p) => p.priceCurrency === currency) ?? priced.find((p) => p.currencyType === 'BILLC') ?? priced[0];
  if (!chosen) return null;
  return { amount: decimalToMinor(chosen.price, chosen.priceCurrency!)!, currency: chosen.priceCurrency! };
}

/** DHL's estimate is a local date and time at the destination; its date is the delivery date. */
function estimatedDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const day = value.trim().slice(0, 10);
  return parseDateParts(day) ? day : null;
}

export function parseRates(body: unknown, request: RateRequest): RateQuote[] {
  const products = (body as { products?: unknown } | null)?.products;
  if (!Array.isArray(products)) return [];
  const quotes: RateQuote[] = [];
  for (const product of products as DhlProduct[]) {
    const service = typeof product.productCode === 'string' ? serviceByProductCode(product.productCode) : null;
    if (!service) continue;
    if (request.services && !request.services.includes(service.code)) continue;
    const price = pickPrice(product.totalPrice, request.currency);
    if (!price) continue;
    const days = Number(product.deliveryCapabilities?.totalTransitDays);
    const transitDays = Number.isFinite(days) && days >= 0 ? days : service.transitDays;
    quotes.push({
      carrier: 'dhl',
      service: service.code,
      serviceName: service.name,
      amount: price.amount,
      currency: price.currency,
      transitDays,
      estimatedDeliveryDate: estimatedDate(product.deliveryCapabilities?.estimatedDeliveryDateAndTime) ?? addBusinessDays(request.shipDate, transitDays),
    });
  }
  return quotes;
}
