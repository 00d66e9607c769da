/**
 * FedEx Rate API (`POST /rate/v1/rates/quotes`): the request for a RateRequest, and the quotes in
 * its answer (`output.rateReplyDetails[]`). Pure.
 */
import type { RateQuote, RateRequest } from '../carrier.js';
import { addBusinessDays, utcDate } from '../carrier-time.js';
import { isoCurrency, toMinorUnits } from './amounts.js';
import { serviceByCode, serviceByServiceType } from './services.js';
import { fedexAddress, isResidential, packageLineItems } from './shipment-parts.js';

export function buildRateRequest(request: RateRequest, accountNumber: string): Record<string, unknown> {
  const requestedShipment: Record<string, unknown> = {
    shipper: { address: fedexAddress(request.origin) },
    recipient: { address: fedexAddress(request.destination, isResidential(request.destination)) },
    shipDateStamp: utcDate(request.shipDate),
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
    packagingType: 'YOUR_PACKAGING',
    rateRequestType: ['ACCOUNT', 'LIST'],
    totalPackageCount: request.parcels.length,
    requestedPackageLineItems: packageLineItems(request.parcels, request.origin),
  };
  // Asking for one service keeps FedEx's answer small; for several, it answers all and we filter.
  const wanted = request.services?.map((code) => serviceByCode(code)?.carrierCode).filter((c): c is string => c !== undefined) ?? [];
  if (request.services?.length === 1 && wanted.length === 1) requestedShipment.serviceType = wanted[0];
  return {
    accountNumber: { value: accountNumber },
    rateRequestControlParameters: { returnTransitTimes: true },
    requestedShipment,
  };
}

type Json = Record<string, any>;

const transitWords: Readonly<Record<string, number>> = {
  ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5, SIX: 6, SEVEN: 7, EIGHT: 8, NINE: 9, TEN: 10,
  ELEVEN: 11, TWELVE: 12, THIRTEEN: 13, FOURTEEN: 14, FIFTEEN: 15, SIXTEEN: 16, SEVENTEEN: 17,
  EIGHTEEN: 18, NINETEEN: 19, TWENTY: 20,
};

/** FedEx's `TWO_DAYS` / `ONE_DAY` → 2 / 1. */
export function transitDaysOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^([A-Z]+)_DAYS?$/.exec(value.trim().toUpperCase());
  return m ? (transitWords[m[1]!] ?? null) : null;
}

/** The calendar day of a FedEx date or date-time (`2026-11-24`, `2026-11-24T10:30:00`). */
function dayOf(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** The account rate (what this account pays) in the shop's currency when FedEx gave one. */
function chosenRate(details: Json[], currency: string): Json | undefined {
  const rank = (d: Json) => (d.rateType === 'ACCOUNT' ? 0 : d.rateType === 'PREFERRED_ACCOUNT' ? 1 : d.rateType === 'LIST' ? 3 : 2);
  const sameCurrency = (d: Json) => (typeof d.currency === 'string' && isoCurrency(d.currency) === currency ? 0 : 1);
  return [...details].sort((a, b) => sameCurrency(a) - sameCurrency(b) || rank(a) - rank(b))[0];
}

export function parseRateReply(body: unknown, request: RateRequest): RateQuote[] {
  const replies: Json[] = Array.isArray((body as Json)?.output?.rateReplyDetails) ? (body as Json).output.rateReplyDetails : [];
  const quotes: RateQuote[] = [];
  for (const reply of replies) {
    const service = serviceByServiceType(reply?.serviceType);
    if (!service || (request.services && !request.services.includes(service.code))) continue;
    const rate = chosenRate(Array.isArray(reply.ratedShipmentDetails) ? reply.ratedShipmentDetails : [], request.currency);
    if (!rate || typeof rate.currency !== 'string') continue;
    const currency = isoCurrency(rate.currency);
    const amount = toMinorUnits(rate.totalNetCharge ?? rate.totalNetFedExCharge, currency);
    if (amount === null) continue;
    const transitDays =
      transitDaysOf(reply.commit?.transitDays?.minimumTransitTime) ??
      transitDaysOf(reply.operationalDetail?.transitTime) ??
      service.transitDays;
    const estimatedDeliveryDate =
      dayOf(reply.commit?.dateDetail?.dayFormat) ??
      dayOf(reply.operationalDetail?.deliveryDate) ??
      dayOf(reply.operationalDetail?.commitDate) ??
      addBusinessDays(request.shipDate, transitDays);
    quotes.push({
      carrier: 'fedex',
      service: service.code,
      serviceName: typeof reply.serviceName === 'string' && reply.serviceName !== '' ? reply.serviceName : service.name,
      amount,
      currency,
      transitDays,
      estimatedDeliveryDate,
    });
  }
  return quotes;
}
